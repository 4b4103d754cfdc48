package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

func TestRetention(t *testing.T) {
	db, raw := openWithReader(t)
	ctx := context.Background()
	lead := mustUser(t, db, "lea", resonanz.RoleLead)
	old := mustIngest(t, db, msg("mastodon", "m-old", "@alt", "Alte Reklamation", 0))[0]
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
	t.Run("NothingBeforeItsTime", func(t *testing.T) {
		db.Now = func() time.Time { return t0.AddDate(0, 5, 0) }
		if n, err := db.ApplyRetention(ctx); err != nil || n != 0 {
			t.Fatalf("after five months: %d deleted, %v", n, err)
		}
	})
	t.Run("DeletesOnlyDueConversationsOfTheChannel", func(t *testing.T) {
		db.Now = func() time.Time { return t0.AddDate(0, 6, 1) }
		if n, err := db.ApplyRetention(ctx); err != nil || n != 1 {
			t.Fatalf("after six months: %d deleted, %v", n, err)
		}
		if n := count(t, raw, `SELECT count(*) FROM conversations WHERE id = ?`, old.ConversationID); n != 0 {
			t.Error("the old Mastodon conversation is still there")
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
			t.Error("the email conversation went, though email has no retention period")
		}
		if hits, _ := db.SearchMessages(ctx, "Frage", 10, 0); len(hits) != 1 {
			t.Error("the newer Mastodon conversation went too")
		}
	})
	t.Run("RunsAsADurableJob", func(t *testing.T) {
		late := mustIngest(t, db, msg("mastodon", "m-late", "@spaet", "Nachzügler", 10))[0]
		startJobs(t, db, workers{})
		// Waits for the job, whenever it runs; the clock it judges by is the store's.
		for count(t, raw, `SELECT count(*) FROM conversations WHERE id = ?`, late.ConversationID) != 0 {
			if count(t, raw, `SELECT count(*) FROM river_job WHERE kind = 'retention' AND state IN ('discarded', 'cancelled')`) > 0 {
				t.Fatal("the retention job failed")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
