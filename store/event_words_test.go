package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// Audit entries and notifications written before they had kinds and params
// keep their text; new ones carry a kind and params and no text.
func TestEventsOldAndNew(t *testing.T) {
	ctx := context.Background()
	db, raw := openWithReader(t)
	lea := &resonanz.User{Login: "lea", Name: "Lea", Role: resonanz.RoleLead}
	if err := db.CreateUser(ctx, lea, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "1", Author: resonanz.Author{Handle: "kim@example.org"},
		Text: "Hallo", Visibility: resonanz.Private, Time: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].ConversationID
	if _, err := raw.ExecContext(ctx, `INSERT INTO audit_events (conversation_id, user_id, action, detail, created_at)
		VALUES (?, ?, 'status', 'waiting → solved', 1)`, id, lea.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `INSERT INTO notifications (user_id, kind, text, created_at)
		VALUES (?, 'sla.breach', 'first response overdue (Standard): Hallo', 1)`, lea.ID); err != nil {
		t.Fatal(err)
	}
	solved := resonanz.StatusSolved
	if err := db.UpdateConversation(ctx, id, lea, resonanz.ConversationUpdate{Status: &solved}); err != nil {
		t.Fatal(err)
	}
	if err := db.Notify(ctx, &resonanz.Notification{UserID: lea.ID, Kind: resonanz.NotifySLABreach, Params: resonanz.Params{"goal": "resolution"}}); err != nil {
		t.Fatal(err)
	}
	trail, err := store.AuditTrail(ctx, db, id)
	if err != nil || len(trail) != 2 {
		t.Fatalf("audit trail %v, %v", trail, err)
	}
	if old := trail[0]; old.Kind != "" || old.Params != nil || old.Detail != "waiting → solved" || old.Action != "status" {
		t.Errorf("old entry reads as %+v", old)
	}
	if e := trail[1]; e.Kind != resonanz.AuditStatus || e.Params["from"] != "open" || e.Params["to"] != "solved" || e.Detail != "" {
		t.Errorf("new entry reads as %+v", e)
	}
	notes, err := db.FindNotifications(ctx, lea.ID, 10)
	if err != nil || len(notes) != 2 {
		t.Fatalf("notifications %v, %v", notes, err)
	}
	if n := notes[1]; n.Params != nil || n.Text != "first response overdue (Standard): Hallo" {
		t.Errorf("old notification reads as %+v", n)
	}
	if n := notes[0]; n.Params["goal"] != "resolution" || n.Text != "" {
		t.Errorf("new notification reads as %+v", n)
	}
}
