package followup_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/followup"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// world is a database with an agent who promised something, two leads and a
// promise due at t0 + 2h.
type world struct {
	db           *store.DB
	owner        *resonanz.User
	leads        []*resonanz.User
	promise      *resonanz.Promise
	conversation int64
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{db: storetest.Open(t)}
	w.db.Now = func() time.Time { return t0 }
	newUser := func(login, role string) *resonanz.User {
		u := &resonanz.User{Login: login, Name: login, Role: role}
		if err := w.db.CreateUser(ctx, u, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		return u
	}
	w.owner = newUser("tom", resonanz.RoleAgent)
	w.leads = []*resonanz.User{newUser("lea", resonanz.RoleLead), newUser("leo", resonanz.RoleLead)}
	newUser("eva", resonanz.RoleAgent)
	res, err := w.db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "e1", Text: "Wann kommt die Gutschrift?",
		Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna"}, Time: t0, Visibility: resonanz.Private}})
	if err != nil {
		t.Fatal(err)
	}
	w.conversation = res[0].ConversationID
	w.promise = &resonanz.Promise{ConversationID: w.conversation, Text: "Gutschrift bis 11 Uhr", DueAt: t0.Add(2 * time.Hour), OwnerID: w.owner.ID}
	if err := w.db.AddPromise(ctx, w.promise, w.owner); err != nil {
		t.Fatal(err)
	}
	return w
}

// reminder returns a new reminder (as after a start of resonanz) whose clock reads *now.
func (w *world) reminder(now *time.Time) *followup.Reminder {
	r := followup.New(w.db, time.Hour, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Now = func() time.Time { return *now }
	return r
}

func check(t *testing.T, r *followup.Reminder, wantReminded, wantEscalated int) {
	t.Helper()
	reminded, escalated, err := r.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if reminded != wantReminded || escalated != wantEscalated {
		t.Fatalf("check reminded %d and escalated %d, want %d and %d", reminded, escalated, wantReminded, wantEscalated)
	}
}

// notes lists the kinds of a user's notifications, oldest first.
func (w *world) notes(t *testing.T, u *resonanz.User) string {
	t.Helper()
	list, err := w.db.FindNotifications(context.Background(), u.ID, 50)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for i := len(list) - 1; i >= 0; i-- {
		kinds = append(kinds, list[i].Kind)
	}
	return strings.Join(kinds, ",")
}

func TestReminderRemindsThenEscalates(t *testing.T) {
	w := newWorld(t)
	now := t0
	r := w.reminder(&now)
	check(t, r, 0, 0)

	now = t0.Add(75 * time.Minute) // 45 minutes before the due time
	check(t, r, 1, 0)
	check(t, r, 0, 0)
	if got := w.notes(t, w.owner); got != "promise.due" {
		t.Fatalf("owner notifications %q", got)
	}
	if got := w.notes(t, w.leads[0]); got != "" {
		t.Fatalf("a lead was told before the promise was overdue: %q", got)
	}

	now = t0.Add(2*time.Hour + time.Minute)
	check(t, r, 0, 1)
	check(t, r, 0, 0)
	if got := w.notes(t, w.owner); got != "promise.due,promise.overdue" {
		t.Fatalf("owner notifications %q", got)
	}
	for _, l := range w.leads { // the conversation has no team: all leads
		if got := w.notes(t, l); got != "promise.overdue" {
			t.Fatalf("lead %s notifications %q", l.Login, got)
		}
	}
	list, err := w.db.FindPromises(context.Background(), resonanz.PromiseFilter{ConversationID: w.conversation})
	if err != nil {
		t.Fatal(err)
	}
	if p := list[0]; p.State != resonanz.PromiseOpen || p.EscalatedAt.IsZero() || p.RemindedAt.IsZero() {
		t.Fatalf("escalated promise %+v: it must stay open and be marked", p)
	}
}

func TestReminderCatchesUpAfterRestart(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	soon := &resonanz.Promise{ConversationID: w.conversation, Text: "Rückruf", DueAt: t0.Add(5*time.Hour + 30*time.Minute), OwnerID: w.owner.ID}
	kept := &resonanz.Promise{ConversationID: w.conversation, Text: "Mail schicken", DueAt: t0.Add(time.Hour), OwnerID: w.owner.ID}
	for _, p := range []*resonanz.Promise{soon, kept} {
		if err := w.db.AddPromise(ctx, p, w.owner); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.db.KeepPromise(ctx, kept.ID, w.owner); err != nil {
		t.Fatal(err)
	}
	// resonanz was down from before the first promise came due until t0 + 5h.
	now := t0.Add(5 * time.Hour)
	check(t, w.reminder(&now), 1, 1)
	if got := w.notes(t, w.owner); got != "promise.overdue,promise.due" {
		t.Fatalf("after the restart the owner got %q: one escalation of the missed promise, one reminder of the next", got)
	}
	// Another start a little later finds nothing left to do.
	now = now.Add(10 * time.Minute)
	check(t, w.reminder(&now), 0, 0)
}

func TestReminderRun(t *testing.T) {
	w := newWorld(t)
	now := t0.Add(3 * time.Hour)
	r := w.reminder(&now)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx, time.Hour); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for w.notes(t, w.owner) == "" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if got := w.notes(t, w.owner); got != "promise.overdue" {
		t.Fatalf("Run did not check at start: owner notifications %q", got)
	}
}
