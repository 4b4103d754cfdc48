package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// TestVisibility: an agent in a team sees that team's conversations, those
// without a team and their own, but not another team's; an agent in no team
// and a lead see everything — in the inbox, one by one and in search.
func TestVisibility(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		ann := mustUser(t, db, "ann", resonanz.RoleAgent)
		solo := mustUser(t, db, "solo", resonanz.RoleAgent)
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		versand, _ := db.CreateTeam(ctx, "Versand")
		kasse, _ := db.CreateTeam(ctx, "Kasse")
		versand.Members = []int64{ann.ID}
		if err := db.SaveTeam(ctx, versand); err != nil {
			t.Fatal(err)
		}
		res := mustIngest(t, db, msg("email", "1", "a@x.org", "Paket Versand", 0), msg("email", "2", "b@x.org", "Paket Kasse", 1),
			msg("email", "3", "c@x.org", "Paket ohne Team", 2), msg("email", "4", "d@x.org", "Paket Kasse, aber Anns", 3))
		set := func(i int, team, owner int64) {
			upd := resonanz.ConversationUpdate{TeamID: &team}
			if owner != 0 {
				upd.OwnerID = &owner
			}
			if err := db.UpdateConversation(ctx, res[i].ConversationID, lea, upd); err != nil {
				t.Fatal(err)
			}
		}
		set(0, versand.ID, 0)
		set(1, kasse.ID, 0)
		set(3, kasse.ID, ann.ID)
		want := map[*resonanz.User]string{ann: "[0 2 3]", solo: "[0 1 2 3]", lea: "[0 1 2 3]"}
		for u, visible := range want {
			var seen, found []int
			ids := inboxIDs(t, db, resonanz.ConversationFilter{VisibleTo: u.VisibleTo()})
			hits, err := db.SearchMessages(ctx, "Paket", 10, u.VisibleTo())
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				if ok, err := db.CanSee(ctx, u, r.ConversationID); err != nil {
					t.Fatal(err)
				} else if ok {
					seen = append(seen, i)
				}
				for _, id := range ids {
					if id == r.ConversationID {
						found = append(found, i)
					}
				}
			}
			if fmt.Sprint(seen) != visible || fmt.Sprint(found) != visible || len(hits) != len(found) {
				t.Errorf("%s: may open %v, inbox %v, %d search hits; want %s everywhere", u.Login, seen, found, len(hits), visible)
			}
		}
	})
}
