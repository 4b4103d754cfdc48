package watch_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/watch"
)

// chatter is a week of everyday negative messages that fit no topic: words
// drawn at random, so no pair of them is frequent.
func chatter(r *rand.Rand, from, to time.Time, perHour int) []watch.Observed {
	words := strings.Fields(`Rechnung Gutschein Lieferung Paketbote Versand Kundenkonto Passwort Newsletter Rabatt Bestellung
		Farbe Größe Qualität Verpackung Karton Etikett Garantie Reparatur Ersatzteil Hersteller Abholung Termin Techniker
		Stornierung Mahnung Lastschrift Überweisung Kreditkarte Gutschrift Zahlung Umtausch Kassenbon Rückruf Wartezeit
		Mitarbeiter Öffnungszeiten Parkplatz Schaufenster Prospekt Werbung Angebot Preisschild Sonderangebot Lieferzeit
		Adresse Hausnummer Briefkasten Nachbar Zustellung kaputt falsch teuer langsam unfreundlich verspätet zerkratzt
		enttäuscht verärgert unverschämt ärgerlich peinlich schlecht fehlerhaft verschwunden beschädigt unvollständig`)
	var out []watch.Observed
	for at := from; at.Before(to); at = at.Add(time.Hour / time.Duration(perHour)) {
		var text []string
		for range 3 + r.IntN(4) {
			text = append(text, words[r.IntN(len(words))])
		}
		out = append(out, negative(fmt.Sprint("@c", len(out), "-", at.Unix()), strings.Join(text, " "), at))
	}
	return out
}

func negative(author, text string, at time.Time) watch.Observed {
	return watch.Observed{Channel: "mastodon", Author: author, Text: text, Time: at,
		Analysis: resonanz.Analysis{Sentiment: resonanz.Negative}}
}

// storeObserved ingests messages and returns them with their IDs, as the
// monitor gets them.
func storeObserved(t *testing.T, db *store.DB, msgs []watch.Observed) []watch.Observed {
	t.Helper()
	in := make([]resonanz.IncomingMessage, len(msgs))
	for i, o := range msgs {
		in[i] = resonanz.IncomingMessage{Channel: o.Channel, ExternalID: fmt.Sprint(o.Author, o.Time.UnixNano()), Author: resonanz.Author{Handle: o.Author},
			Text: o.Text, Time: o.Time, Visibility: resonanz.Public, Analysis: o.Analysis}
	}
	res, err := db.Ingest(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for i := range msgs {
		msgs[i].MessageID = res[i].MessageID
	}
	return msgs
}

// interleave merges two lists of messages in time order.
func interleave(a, b []watch.Observed) []watch.Observed {
	out := make([]watch.Observed, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		if len(b) == 0 || len(a) > 0 && !b[0].Time.Before(a[0].Time) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}

// variants returns n messages by n people within span from start, each one
// of the templates.
func variants(prefix string, templates []string, start time.Time, span time.Duration, n int) []watch.Observed {
	var out []watch.Observed
	for i := range n {
		out = append(out, negative(fmt.Sprint("@", prefix, i), templates[i%len(templates)], start.Add(span*time.Duration(i)/time.Duration(n))))
	}
	return out
}

var (
	newComplaint = []string{
		"Das Kassensystem in eurer Filiale ist ausgefallen, ich stehe seit 20 Minuten an",
		"Kassensystem ausgefallen?! Nur noch Barzahlung, wie im letzten Jahrhundert",
		"Seit heute früh ist das Kassensystem ausgefallen und keiner sagt etwas",
		"Schon wieder Kassensystem ausgefallen. Volle Körbe stehen herum!",
		"Wegen ausgefallenem Kassensystem musste ich meinen Einkauf stehen lassen",
	}
	everyday = []string{
		"Mein Paket wurde wieder beim Nachbarn abgegeben",
		"Paket schon wieder beim Nachbarn abgegeben, ohne Zettel",
		"Warum wird mein Paket immer beim Nachbarn abgegeben?",
	}
)

// Twenty people writing variants of a new complaint without a hashtag form a
// cluster of their own; twenty using a phrase that was just as common every
// day of the week before do not.
func TestMonitorFindsTermClusters(t *testing.T) {
	ctx := context.Background()
	weekAgo := stormStart.Add(-7 * 24 * time.Hour)
	for _, tc := range []struct {
		name      string
		templates []string
		usual     bool // the week before held as many of them
		want      int
	}{{"NewComplaint", newComplaint, false, 1}, {"EverydayPhrase", everyday, true, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			db := storetest.Open(t)
			mon, err := watch.NewMonitor(watch.DefaultConfig(), db, events.NewBus())
			if err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(1, 2))
			history := chatter(r, weekAgo, stormStart, 20)
			if tc.usual {
				for day := weekAgo; day.Before(stormStart); day = day.Add(24 * time.Hour) {
					// 20 in 40 minutes, from 8:00 to 20:00.
					history = interleave(history, variants(fmt.Sprint("u", day.Day(), "-"), tc.templates, day.Add(-time.Hour), 12*time.Hour, 360))
				}
			}
			mon.Replay(history)
			now := interleave(chatter(r, stormStart, stormStart.Add(40*time.Minute), 20), variants("p", tc.templates, stormStart, 40*time.Minute, 20))
			if err := mon.Observe(ctx, storeObserved(t, db, now)); err != nil {
				t.Fatal(err)
			}
			alerts, _ := storetest.AlertsWithRooms(ctx, db, true)
			if len(alerts) != tc.want {
				var keys []string
				for _, a := range alerts {
					keys = append(keys, a.Key)
				}
				t.Fatalf("alerts %v, want %d", keys, tc.want)
			}
			if tc.want == 0 {
				return
			}
			a := alerts[0]
			if !strings.HasPrefix(a.Key, "~") || !strings.Contains(a.Key, "kassensystem") || a.Authors < 15 || a.Messages < 15 ||
				len(a.TopTerms) == 0 || !strings.Contains(a.TopTerms[0], "kassensystem ") && !strings.HasSuffix(a.TopTerms[0], " kassensystem") {
				t.Fatalf("cluster alert %+v: want a key and a first top term naming the Kassensystem, from at least 15 people", a)
			}
			// The crisis room holds the complaints, not the chatter around them.
			hits, err := db.RoomMessages(ctx, a.ID, true, 100)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				if !strings.Contains(strings.ToLower(h.Message.Text), "kassensystem") {
					t.Errorf("crisis room holds %q", h.Message.Text)
				}
			}

			// Resolved, it gathers nothing more and does not form again
			// while the complaints go on.
			lead := &resonanz.User{Login: "lea", Role: resonanz.RoleLead}
			if err := db.CreateUser(ctx, lead, "correct horse battery"); err != nil {
				t.Fatal(err)
			}
			if err := db.SetAlertStatus(ctx, a.ID, lead, resonanz.AlertResolved); err != nil {
				t.Fatal(err)
			}
			more := variants("later", tc.templates, stormStart.Add(45*time.Minute), 10*time.Minute, 10)
			if err := mon.Observe(ctx, storeObserved(t, db, more)); err != nil {
				t.Fatal(err)
			}
			after, _ := storetest.AlertsWithRooms(ctx, db, true)
			again, _ := db.FindAlertByID(ctx, a.ID)
			if len(after) != 1 || again.Messages != a.Messages {
				t.Errorf("after resolving: %d alerts, the resolved one with %d messages; want 1 with %d", len(after), again.Messages, a.Messages)
			}
		})
	}
}
