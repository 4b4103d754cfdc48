package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// TestDeleteConversationsBefore: the conversations of a channel whose last
// message came before the cutoff go, a limit at a time, with everything
// that belongs to them; the policies that say when are the retention
// package's (retention.Apply).
func TestDeleteConversationsBefore(t *testing.T) {
	db, raw := openWithReader(t)
	ctx := context.Background()
	lead := mustUser(t, db, "lea", resonanz.RoleLead)
	old := mustIngest(t, db, msg("mastodon", "m-old", "@alt", "Alte Reklamation", 0))[0]
	older := mustIngest(t, db, msg("mastodon", "m-older", "@aelter", "Noch ältere Frage", -60))[0]
	mustIngest(t, db, msg("mastodon", "m-new", "@neu", "Neue Frage", 60*24*200))
	mailOld := mustIngest(t, db, msg("email", "e-old", "alt@example.org", "Alte Mail", 0))[0]
	if err := db.AddNote(ctx, old.ConversationID, lead, "Notiz"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Reply(ctx, old.ConversationID, lead, "Antwort", true); err != nil {
		t.Fatal(err)
	}
	if err := db.AddPromise(ctx, &resonanz.Promise{ConversationID: old.ConversationID, Text: "Rückruf", DueAt: t0.Add(time.Hour), OwnerID: lead.ID}, lead); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRetention(ctx, resonanz.RetentionPolicy{Channel: "mastodon", Months: 6}); err != nil {
		t.Fatal(err)
	}
	t.Run("ErrMonths", func(t *testing.T) {
		err := db.SetRetention(ctx, resonanz.RetentionPolicy{Channel: "mastodon", Months: 500})
		if resonanz.ErrorField(err) != "months" {
			t.Errorf("500 months: %v", err)
		}
	})
	t.Run("PoliciesListed", func(t *testing.T) {
		list, err := db.RetentionPolicies(ctx)
		if err != nil || len(list) != 1 || list[0] != (resonanz.RetentionPolicy{Channel: "mastodon", Months: 6}) {
			t.Fatalf("policies %+v, %v", list, err)
		}
	})
	t.Run("NothingAtTheCutoff", func(t *testing.T) {
		if n, err := db.DeleteConversationsBefore(ctx, "mastodon", t0.Add(-time.Hour), 10); err != nil || n != 0 {
			t.Fatalf("at the older message's time: %d deleted, %v", n, err)
		}
	})
	t.Run("AtMostTheLimit", func(t *testing.T) {
		if n, err := db.DeleteConversationsBefore(ctx, "mastodon", t0.Add(time.Minute), 1); err != nil || n != 1 {
			t.Fatalf("limit 1: %d deleted, %v", n, err)
		}
		if n := count(t, raw, `SELECT count(*) FROM conversations WHERE id IN (?, ?)`, old.ConversationID, older.ConversationID); n != 1 {
			t.Errorf("%d of the two old conversations are left, want 1", n)
		}
	})
	t.Run("DeletesOnlyTheChannelsConversationsBeforeTheCutoff", func(t *testing.T) {
		if n, err := db.DeleteConversationsBefore(ctx, "mastodon", t0.Add(time.Minute), 10); err != nil || n != 1 {
			t.Fatalf("%d deleted, %v", n, err)
		}
		if n := count(t, raw, `SELECT count(*) FROM conversations WHERE id IN (?, ?)`, old.ConversationID, older.ConversationID); n != 0 {
			t.Error("an old Mastodon conversation is still there")
		}
		for _, table := range []string{"messages", "notes", "promises", "outbox", "audit_events"} {
			if n := count(t, raw, `SELECT count(*) FROM `+table+` WHERE conversation_id = ?`, old.ConversationID); n != 0 {
				t.Errorf("%d rows of %s are left", n, table)
			}
		}
		if hits, _ := db.SearchMessages(ctx, "Reklamation", 10, 0); len(hits) != 0 {
			t.Error("search still finds the deleted message")
		}
		if n := count(t, raw, `SELECT count(*) FROM conversations WHERE id = ?`, mailOld.ConversationID); n != 1 {
			t.Error("the email conversation went")
		}
		if hits, _ := db.SearchMessages(ctx, "Frage", 10, 0); len(hits) != 1 {
			t.Error("the newer Mastodon conversation went too")
		}
	})
}
