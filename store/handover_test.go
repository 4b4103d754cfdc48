package store_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestHandOver(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		ann := mustUser(t, db, "ann", resonanz.RoleAgent)
		ben := mustUser(t, db, "ben", resonanz.RoleAgent)
		res := mustIngest(t, db, msg("email", "e1", "kim@example.org", "Rückruf bitte", 0))
		id := res[0].ConversationID
		if err := db.UpdateConversation(ctx, id, ann, resonanz.ConversationUpdate{OwnerID: &ann.ID}); err != nil {
			t.Fatal(err)
		}
		if err := db.HandOver(ctx, id, ann, ben.ID, ""); resonanz.ErrorCode(err) != resonanz.EINVALID {
			t.Fatalf("hand-over without a note: %v, want EINVALID", err)
		}
		if err := db.HandOver(ctx, id, ann, 999, "Bitte übernehmen"); resonanz.ErrorCode(err) != resonanz.EINVALID {
			t.Fatalf("hand-over to nobody: %v, want EINVALID", err)
		}
		if err := db.HandOver(ctx, id, ann, ben.ID, "Kunde erwartet Rückruf um 10 Uhr"); err != nil {
			t.Fatal(err)
		}
		tl, err := db.Timeline(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if tl.Conversation.OwnerID != ben.ID {
			t.Fatalf("owner after hand-over: %d, want ben", tl.Conversation.OwnerID)
		}
		var note, trail bool
		for _, e := range tl.Entries {
			note = note || (e.Note != nil && e.Note.Text == "Kunde erwartet Rückruf um 10 Uhr")
		}
		for _, a := range tl.Audit {
			trail = trail || (a.Action == "handover" && a.Params["from"] == "User ann" && a.Params["to"] == "User ben")
		}
		if !note || !trail {
			t.Fatalf("hand-over left note %v, audit %v", note, trail)
		}
	})
}

func TestSetVIP(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		res := mustIngest(t, db, msg("email", "e1", "kim@example.org", "Hallo", 0))
		if err := db.SetVIP(ctx, res[0].ConversationID, lea, true); err != nil {
			t.Fatal(err)
		}
		mustIngest(t, db, msg("mastodon", "m1", "@kim", "Und hier", 5))
		pending, err := db.PendingRoutes(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		tl, _ := db.Timeline(ctx, res[0].ConversationID)
		if !tl.Contact.VIP || len(pending) == 0 || !pending[0].VIP {
			t.Fatalf("VIP on the contact %v, seen by the router %+v", tl.Contact.VIP, pending)
		}
	})
}
