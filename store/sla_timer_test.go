package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// TestFireSLA checks what a missed goal does: the owner is warned once, at
// the breach the owner and the team's lead are told once, the conversation
// goes back to the team, and a timer for a clock that moved does nothing.
func TestFireSLA(t *testing.T) {
	contract(t, func(t *testing.T, db *store.DB) { fireSLA(t, db) })
}

func fireSLA(t *testing.T, db *store.DB) {
	ctx := context.Background()
	users := map[string]*resonanz.User{}
	for _, u := range []*resonanz.User{{Login: "ann", Name: "Ann", Role: "agent"}, {Login: "lea", Name: "Lea", Role: "lead"},
		{Login: "max", Name: "Max", Role: "lead"}} {
		if err := db.CreateUser(ctx, u, "secret-password-1"); err != nil {
			t.Fatal(err)
		}
		users[u.Login] = u
	}
	team, _ := db.CreateTeam(ctx, "Versand")
	team.Members = []int64{users["ann"].ID, users["lea"].ID}
	if err := db.SaveTeam(ctx, team); err != nil {
		t.Fatal(err)
	}
	policy := &resonanz.SLAPolicy{Name: "Schnell", FirstResponse: time.Hour, Reassign: true}
	if err := db.SaveSLAPolicy(ctx, policy); err != nil {
		t.Fatal(err)
	}
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "1", Author: resonanz.Author{Handle: "k@example.org"},
		Text: "Paket fehlt", Visibility: "private", Time: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	conv := res[0].ConversationID
	due := time.Now().Add(time.Hour).Truncate(time.Millisecond)
	if err := db.ApplyRoutes(ctx, []*resonanz.RouteUpdate{{ConversationID: conv, LastEventID: 1 << 40, Routed: true,
		Decision: resonanz.RouteDecision{TeamID: team.ID, Priority: "normal"}, AssignTo: users["ann"].ID, AssignReason: "test",
		PolicyID: policy.ID, Goal: resonanz.GoalFirstResponse, Due: due, WarnAt: due.Add(-10 * time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	if jobs, err := store.ScheduledJobs(ctx, db, "sla_timer"); err != nil || jobs != 2 {
		t.Fatalf("%d timers scheduled (%v), want a warning and a breach", jobs, err)
	}
	unread := func(login string) int {
		n, err := db.CountUnread(ctx, users[login].ID)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	type firing struct {
		due  time.Time
		warn bool
	}
	stale, warn, breach := firing{due.Add(-time.Millisecond), false}, firing{due, true}, firing{due, false}
	for _, timer := range []firing{stale, warn, warn} {
		if err := store.FireSLATimer(ctx, db, conv, timer.due, timer.warn); err != nil {
			t.Fatal(err)
		}
	}
	if unread("ann") != 1 || unread("lea") != 0 {
		t.Fatalf("after the warning: ann %d, lea %d notifications; want 1 and 0", unread("ann"), unread("lea"))
	}
	for _, timer := range []firing{breach, breach} {
		if err := store.FireSLATimer(ctx, db, conv, timer.due, timer.warn); err != nil {
			t.Fatal(err)
		}
	}
	if unread("ann") != 2 || unread("lea") != 1 || unread("max") != 0 {
		t.Fatalf("after the breach: ann %d, lea %d, max %d; want 2, 1 (the team's lead), 0", unread("ann"), unread("lea"), unread("max"))
	}
	c, _ := db.FindConversationByID(ctx, conv)
	if c.OwnerID != 0 || !c.SLA.Breached {
		t.Fatalf("after the breach: owner %d, breached %v; want given back and breached", c.OwnerID, c.SLA.Breached)
	}
	pending, _ := db.PendingRoutes(ctx, 10)
	if len(pending) != 1 || pending[0].Events[0].Kind != resonanz.RouteUnassigned {
		t.Fatalf("pending after reassignment: %+v, want an unassigned event for the router", pending)
	}
}
