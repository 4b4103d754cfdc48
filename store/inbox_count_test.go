package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

// The default inbox is the open work; its counts stop at a bound, so that
// they cost the same at a million messages.
func TestOpenWorkAndCounts(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		tom := mustUser(t, db, "tom", resonanz.RoleAgent)
		res := mustIngest(t, db, msg("email", "1", "a@example.org", "eins", 0), msg("email", "2", "b@example.org", "zwei", 1),
			msg("email", "3", "c@example.org", "drei", 2), msg("email", "4", "d@example.org", "vier", 3))
		set := func(i int, upd resonanz.ConversationUpdate) {
			t.Helper()
			if err := db.UpdateConversation(ctx, res[i].ConversationID, tom, upd); err != nil {
				t.Fatal(err)
			}
		}
		waiting, solved, closed := resonanz.StatusWaiting, resonanz.StatusSolved, resonanz.StatusClosed
		set(1, resonanz.ConversationUpdate{Status: &waiting, OwnerID: &tom.ID})
		set(2, resonanz.ConversationUpdate{Status: &solved, OwnerID: &tom.ID})
		set(3, resonanz.ConversationUpdate{Status: &closed})
		count := func(f resonanz.ConversationFilter, most int) int {
			t.Helper()
			n, err := db.CountConversations(ctx, f, most)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		t.Run("OpenWorkIsOpenAndWaiting", func(t *testing.T) {
			got := inboxIDs(t, db, resonanz.ConversationFilter{OpenWork: true})
			if want := []int64{res[1].ConversationID, res[0].ConversationID}; !slices.Equal(got, want) {
				t.Fatalf("open work %v, want %v", got, want)
			}
		})
		t.Run("CountsPerView", func(t *testing.T) {
			open := resonanz.ConversationFilter{OpenWork: true}
			mine, unassigned := open, open
			mine.OwnerID, unassigned.Unassigned = tom.ID, true
			if all, m, u := count(open, 1000), count(mine, 1000), count(unassigned, 1000); all != 2 || m != 1 || u != 1 {
				t.Fatalf("all %d, mine %d, unassigned %d; want 2, 1, 1", all, m, u)
			}
		})
		t.Run("CountStopsAtMost", func(t *testing.T) {
			if n := count(resonanz.ConversationFilter{}, 3); n != 3 {
				t.Fatalf("count of 4 conversations up to 3: %d", n)
			}
		})
		t.Run("ChangesMoveIt", func(t *testing.T) {
			open := resonanz.StatusOpen
			set(3, resonanz.ConversationUpdate{Status: &open})
			if n := count(resonanz.ConversationFilter{OpenWork: true}, 1000); n != 3 {
				t.Fatalf("after reopening: %d open", n)
			}
		})
	})
}

// The views of open work read an index that begins with open work, never
// the whole history, whoever asks.
func TestOpenWorkUsesItsIndexes(t *testing.T) {
	db := storetest.Open(t)
	db.Now = func() time.Time { return t0 }
	for _, f := range []resonanz.ConversationFilter{
		{OpenWork: true}, {OpenWork: true, OwnerID: 3}, {OpenWork: true, Unassigned: true}, {OpenWork: true, Overdue: true},
		{OpenWork: true, VisibleTo: 3}, {OpenWork: true, OwnerID: 3, VisibleTo: 3},
	} {
		for what, plan := range store.InboxPlans(t, db, f) {
			if !strings.Contains(plan, "USING INDEX conversations_open_") && !strings.Contains(plan, "USING COVERING INDEX conversations_open_") {
				t.Errorf("%s of %+v: %s", what, f, plan)
			}
			if what == "list" && !f.Overdue && strings.Contains(plan, "TEMP B-TREE") {
				t.Errorf("the list of %+v sorts: %s", f, plan)
			}
		}
	}
}
