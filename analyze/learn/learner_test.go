package learn

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

// slang is praise in a company's customers' words, where "krank" means
// great; the shipped models read it as a complaint.
var slang = []string{
	"Der neue Drop ist einfach krank, danke Leute",
	"Eure Sneaker sind so krank, hab gleich zwei bestellt",
	"Die Farben vom neuen Hoodie: krank!",
	"Lieferung nach einem Tag, krank wie schnell ihr seid",
	"Das Design der Kappe ist krank, Respekt",
}

const fresh = "Die neue Jacke ist richtig krank"

type world struct {
	db      *store.DB
	agent   *resonanz.User
	shipped *analyze.Analyzer
	live    *Live
	learner *Learner
	next    int
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{db: storetest.Open(t)}
	w.agent = &resonanz.User{Login: "ann", Name: "Ann Agent", Role: resonanz.RoleAgent}
	must(t, w.db.CreateUser(ctx, w.agent, "a long enough password"))
	var err error
	if w.shipped, err = analyze.New(); err != nil {
		t.Fatal(err)
	}
	if w.live, err = NewLive(ctx, w.shipped, w.db); err != nil {
		t.Fatal(err)
	}
	w.learner = New(w.shipped, w.db, w.live, slog.New(slog.DiscardHandler))
	if got := w.live.Analyze(fresh).Sentiment; got == resonanz.Positive {
		t.Fatalf("the shipped models already read %q as positive; the tests need slang they miss", fresh)
	}
	return w
}

// correct stores n slang messages and lets the agent set their sentiment to
// label(held), held telling whether the guard holds the message back.
func (w *world) correct(t *testing.T, n int, label func(held bool) string) {
	t.Helper()
	ctx := context.Background()
	for range n {
		w.next++
		res, err := w.db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: fmt.Sprint("m", w.next),
			Author: resonanz.Author{Handle: fmt.Sprintf("c%d@example.org", w.next)}, Text: fmt.Sprintf("%s (#%d)", slang[w.next%len(slang)], w.next),
			Visibility: resonanz.Private, Time: time.Now()}})
		must(t, err)
		_, err = w.db.CorrectLabel(ctx, res[0].MessageID, w.agent, "sentiment", label(heldBack(res[0].MessageID)))
		must(t, err)
	}
}

func (w *world) learn(t *testing.T) *resonanz.ModelVersion {
	t.Helper()
	_, err := w.learner.LearnModel(context.Background())
	must(t, err)
	versions, err := w.db.ModelVersions(context.Background(), 1)
	must(t, err)
	if len(versions) == 0 {
		t.Fatal("learning recorded no version")
	}
	return versions[0]
}

func TestLearnedVersionGoesLive(t *testing.T) {
	w := newWorld(t)
	w.correct(t, 30, func(bool) string { return resonanz.Positive })
	v := w.learn(t)
	if !v.Accepted || v.Learned+v.HeldBack != 30 || v.HeldBack == 0 {
		t.Fatalf("version %+v; want accepted, 30 labels learned or held back, some held back", v)
	}
	if v.Score <= v.ShippedScore {
		t.Fatalf("the learned version got %.2f of the held-back labels right, the shipped models %.2f", v.Score, v.ShippedScore)
	}
	if got := w.live.Analyze(fresh).Sentiment; got != resonanz.Positive {
		t.Fatalf("after learning the live analysis reads %q as %s", fresh, got)
	}
	restarted, _, err := Start(context.Background(), w.shipped, w.db, slog.New(slog.DiscardHandler))
	must(t, err)
	if got := restarted.Analyze(fresh).Sentiment; got != resonanz.Positive {
		t.Fatalf("after a restart the analysis forgot the learned version: %s", got)
	}
}

func TestGuardRefusesWorseVersion(t *testing.T) {
	w := newWorld(t)
	w.correct(t, 30, func(bool) string { return resonanz.Positive })
	if v := w.learn(t); !v.Accepted {
		t.Fatalf("the first version was refused: %+v", v)
	}
	// Someone labels the same praise as complaints, except where the guard
	// looks: a version learned from that does worse on what was held back.
	w.correct(t, 60, func(held bool) string {
		if held {
			return resonanz.Positive
		}
		return resonanz.Negative
	})
	v := w.learn(t)
	if v.Accepted || v.Score >= v.LiveScore {
		t.Fatalf("the guard let a worse version go live: %+v", v)
	}
	if got := w.live.Analyze(fresh).Sentiment; got != resonanz.Positive {
		t.Fatalf("after a refused version the live analysis reads %q as %s", fresh, got)
	}
	live, err := w.db.LiveModel(context.Background())
	must(t, err)
	if live == nil || live.ID == v.ID {
		t.Fatalf("the refused version %d is recorded as live: %+v", v.ID, live)
	}
}

func TestResetGoesBackToShipped(t *testing.T) {
	w := newWorld(t)
	lead := &resonanz.User{Login: "lea", Name: "Lea Lead", Role: resonanz.RoleLead}
	must(t, w.db.CreateUser(context.Background(), lead, "a long enough password"))
	shipped := w.live.Analyze(fresh).Sentiment
	w.correct(t, 30, func(bool) string { return resonanz.Positive })
	w.learn(t)
	_, err := w.learner.ResetModel(context.Background(), lead)
	must(t, err)
	if got := w.live.Analyze(fresh).Sentiment; got != shipped {
		t.Fatalf("after the reset the live analysis reads %q as %s, the shipped models as %s", fresh, got, shipped)
	}
	versions, err := w.learner.ModelVersions(context.Background(), 10)
	must(t, err)
	if len(versions) != 2 || !versions[0].Reset || versions[0].By != "Lea Lead" {
		t.Fatalf("the versions do not record who reset: %+v", versions[0])
	}
	if v := w.learn(t); !v.Reset {
		t.Fatalf("learning after a reset without new corrections made version %+v from the old ones", v)
	}
	w.correct(t, 2, func(bool) string { return resonanz.Positive })
	if v := w.learn(t); v.Learned+v.HeldBack != 2 {
		t.Fatalf("after a reset a version learned from %d labels, want only the 2 new ones", v.Learned+v.HeldBack)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
