package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// The monitor's judgement fills the room; a manager's choices overrule it,
// stay in force when the monitor judges again, and show in the timeline.
func TestRoomChoices(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lead := mustUser(t, db, "lea", resonanz.RoleLead)
		res := mustIngest(t, db, msg("mastodon", "m1", "@anna", "Warenkorb leer nach dem Update", 0),
			msg("mastodon", "m2", "@anna", "Immer noch leer, der Warenkorb", 1),
			msg("mastodon", "m3", "@ben", "Warenkorb weg #Warenkorbweg", 2),
			msg("mastodon", "m4", "@cara", "Mein Rabattcode geht nicht", 3))
		a := &resonanz.Alert{Key: "app", Severity: 2, Count: 4, Window: time.Hour, FirstSeen: t0, LastSeen: t0}
		if err := db.SaveAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
		judge := func() {
			t.Helper()
			var js []resonanz.AlertMember
			for i, r := range res {
				j := resonanz.AlertMember{MessageID: r.MessageID, Member: i < 3, Score: 0.1}
				if j.Member {
					j.Score, j.Reason, j.Evidence = 0.7, resonanz.RoomTerms, []string{"warenkorb", "leer"}
				}
				js = append(js, j)
			}
			if err := db.SaveAlertMembers(ctx, a.ID, js); err != nil {
				t.Fatal(err)
			}
		}
		judge()
		room := func(in bool) []string {
			t.Helper()
			list, err := db.RoomMessages(ctx, a.ID, in, 100)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, m := range list {
				ids = append(ids, m.Message.ExternalID)
			}
			return ids
		}
		if got := room(true); len(got) != 3 || got[0] != "m3" {
			t.Fatalf("room %v, want m3, m2, m1", got)
		}
		if got := room(false); len(got) != 1 || got[0] != "m4" {
			t.Fatalf("left out %v, want m4", got)
		}
		first, _ := db.RoomMessages(ctx, a.ID, true, 100)
		anna := first[len(first)-1].ContactID
		t.Run("RemoveCustomer", func(t *testing.T) {
			if err := db.ChooseRoomMembers(ctx, a.ID, lead, resonanz.RoomChoice{ContactID: anna}); err != nil {
				t.Fatal(err)
			}
			judge() // the monitor judges again: Anna stays out
			if got := room(true); len(got) != 1 || got[0] != "m3" {
				t.Fatalf("room %v after removing Anna, want m3", got)
			}
			if got, _ := db.FindAlertByID(ctx, a.ID); got.Messages != 1 {
				t.Fatalf("alert counts %d messages, the room holds 1", got.Messages)
			}
			p, err := db.PreviewBulkReply(ctx, a.ID, resonanz.BulkDraft{Templates: map[string]string{resonanz.VariantSie: "Hallo {name}"}})
			if err != nil || len(p.Recipients) != 1 || p.Room() != 1 {
				t.Fatalf("bulk reply after removing Anna: %+v, %v", p, err)
			}
		})
		t.Run("AddMessage", func(t *testing.T) {
			if err := db.ChooseRoomMembers(ctx, a.ID, lead, resonanz.RoomChoice{MessageID: res[3].MessageID, Include: true}); err != nil {
				t.Fatal(err)
			}
			list, _ := db.RoomMessages(ctx, a.ID, true, 100)
			if len(list) != 2 || list[0].Message.ExternalID != "m4" || list[0].ChosenBy != "User lea" || list[0].Member {
				t.Fatalf("room after adding m4: %+v", list)
			}
		})
		t.Run("Audited", func(t *testing.T) {
			events, err := db.AlertEvents(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, e := range events {
				kinds = append(kinds, e.Kind+":"+e.Params["customer"])
			}
			if len(kinds) != 3 || kinds[1] != resonanz.AlertRoomRemoved+":Name of @anna" || kinds[2] != resonanz.AlertRoomAdded+":Name of @cara" {
				t.Fatalf("timeline %v", kinds)
			}
		})
		t.Run("ErrNothingChosen", func(t *testing.T) {
			if err := db.ChooseRoomMembers(ctx, a.ID, lead, resonanz.RoomChoice{}); resonanz.ErrorCode(err) != resonanz.EINVALID {
				t.Fatalf("err = %v", err)
			}
		})
	})
}
