package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// TestConversationFactsFollowTheWork: the first answer is kept, a solution
// is recorded and forgotten when the customer writes again.
func TestConversationFactsFollowTheWork(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2030, 3, 4, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		ann := &resonanz.User{Login: "ann", Name: "Ann", Role: resonanz.RoleAgent}
		if err := db.CreateUser(ctx, ann, "long-enough-password"); err != nil {
			t.Fatal(err)
		}
		msg := func(id string, at time.Time) resonanz.IncomingMessage {
			return resonanz.IncomingMessage{Channel: "email", ExternalID: id, Author: resonanz.Author{Handle: "a@x.org"},
				Text: "Hallo", Visibility: resonanz.Private, Time: at}
		}
		res, err := db.Ingest(ctx, []resonanz.IncomingMessage{msg("1", now)})
		if err != nil {
			t.Fatal(err)
		}
		id, opened := res[0].ConversationID, now
		facts := func() resonanz.ConversationFact {
			t.Helper()
			all, err := db.ConversationFacts(ctx, resonanz.ReportFilter{From: opened, To: opened.Add(24 * time.Hour)})
			if err != nil || len(all) != 1 {
				t.Fatalf("facts: %v, %v", all, err)
			}
			return all[0]
		}
		first := now.Add(time.Hour)
		now = first
		if _, err := db.Reply(ctx, id, ann, "Gern.", false); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if _, err := db.Reply(ctx, id, ann, "Noch etwas.", false); err != nil {
			t.Fatal(err)
		}
		solved := resonanz.StatusSolved
		if err := db.UpdateConversation(ctx, id, ann, resonanz.ConversationUpdate{Status: &solved}); err != nil {
			t.Fatal(err)
		}
		if f := facts(); !f.FirstResponseAt.Equal(first) || !f.ResolvedAt.Equal(now) {
			t.Fatalf("answered %s, solved %s; want %s and %s", f.FirstResponseAt, f.ResolvedAt, first, now)
		}
		now = now.Add(time.Hour)
		again := msg("2", now)
		again.ReplyTo = "1"
		if _, err := db.Ingest(ctx, []resonanz.IncomingMessage{again}); err != nil {
			t.Fatal(err)
		}
		if f := facts(); !f.ResolvedAt.IsZero() || f.Status != resonanz.StatusOpen || !f.FirstResponseAt.Equal(first) {
			t.Errorf("after the customer wrote again: %s, solved %s, answered %s; want open, not solved, first answer kept", f.Status, f.ResolvedAt, f.FirstResponseAt)
		}
	})
}
