package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
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
// the whole history, whoever asks: also with the statistics of a million
// messages where nobody owns anything yet and no clock runs, which make an
// owner or a due time look unselective to SQLite.
func TestOpenWorkUsesItsIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "resonanz.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	views := []resonanz.ConversationFilter{
		{OpenWork: true}, {OpenWork: true, OwnerID: 3}, {OpenWork: true, Unassigned: true}, {OpenWork: true, Overdue: true},
		{OpenWork: true, VisibleTo: 3}, {OpenWork: true, OwnerID: 3, VisibleTo: 3},
	}
	check := func(t *testing.T) {
		db.Now = func() time.Time { return t0 }
		for _, f := range views {
			want := "conversations_open_work"
			switch {
			case f.OwnerID != 0 || f.Unassigned:
				want = "conversations_open_owner"
			case f.Overdue:
				want = "conversations_open_due"
			}
			for what, plan := range store.InboxPlans(t, db, f) {
				if !strings.Contains(plan, "INDEX "+want+" ") {
					t.Errorf("%s of %+v does not use %s: %s", what, f, want, plan)
				}
				if what == "list" && !f.Overdue && strings.Contains(plan, "TEMP B-TREE") {
					t.Errorf("the list of %+v sorts: %s", f, plan)
				}
			}
		}
	}
	t.Run("NoStatistics", check)
	t.Run("StatisticsOfAMillion", func(t *testing.T) {
		store.BenchStats(t, db)
		db.Close()
		if db, err = store.Open(context.Background(), path); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		check(t)
	})
}
