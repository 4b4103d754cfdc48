package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// TestSLAReport: per team, what arrived in the period, how soon it was
// answered, the goals missed and those overdue now.
func TestSLAReport(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2030, 3, 4, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		ann := &resonanz.User{Login: "ann", Name: "Ann", Role: resonanz.RoleAgent}
		if err := db.CreateUser(ctx, ann, "long-enough-password"); err != nil {
			t.Fatal(err)
		}
		versand, _ := db.CreateTeam(ctx, "Versand")
		var ids []int64
		for i, handle := range []string{"a@x.org", "b@x.org", "c@x.org", "d@x.org"} {
			res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: handle, Author: resonanz.Author{Handle: handle},
				Text: "Hallo", Visibility: resonanz.Private, Time: now}})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, res[0].ConversationID)
			if i < 3 {
				if err := db.UpdateConversation(ctx, res[0].ConversationID, ann, resonanz.ConversationUpdate{TeamID: &versand.ID}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for i, wait := range []time.Duration{10 * time.Minute, 30 * time.Minute} { // the third Versand case waits
			db.Now = func() time.Time { return now.Add(wait) }
			if _, err := db.Reply(ctx, ids[i], ann, "Danke!", false); err != nil {
				t.Fatal(err)
			}
		}
		due := now.Add(time.Hour)
		if err := db.ApplyRoutes(ctx, []*resonanz.RouteUpdate{{ConversationID: ids[2], LastEventID: 1 << 40, Goal: resonanz.GoalFirstResponse, Due: due}}); err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return due.Add(time.Minute) }
		if err := store.FireSLATimer(ctx, db, ids[2], due, false); err != nil {
			t.Fatal(err)
		}
		report, err := db.SLAReport(ctx, now.Add(-24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(report) != 2 || report[0].TeamName != "Versand" || report[1].TeamID != 0 {
			t.Fatalf("report rows %+v, want Versand, then no team", report)
		}
		v := report[0]
		if v.Conversations != 3 || v.Answered != 2 || v.MedianFirstResponse != 30*time.Minute || v.Breaches != 1 || v.Overdue != 1 {
			t.Fatalf("Versand: %+v; want 3 conversations, 2 answered, median 30 min, 1 breach, 1 overdue", v)
		}
		if later, _ := db.SLAReport(ctx, now.Add(time.Hour)); len(later) != 1 || later[0].Conversations != 0 || later[0].Overdue != 1 {
			t.Fatalf("a later period still counts old conversations or misses the overdue one: %+v", later)
		}
	})
}
