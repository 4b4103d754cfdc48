package route_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/route"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

type routingFixture struct {
	db     *store.DB
	router *route.Router
	users  map[string]*resonanz.User
	team   *resonanz.Team
	n      int
}

func newRoutingFixture(t testing.TB) *routingFixture {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	f := &routingFixture{db: db, users: map[string]*resonanz.User{},
		router: &route.Router{Store: db, Settings: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}}
	for _, login := range []string{"ann", "ben", "lea"} {
		u := &resonanz.User{Login: login, Name: login, Role: resonanz.RoleAgent}
		if err := db.CreateUser(ctx, u, "long-enough-password"); err != nil {
			t.Fatal(err)
		}
		f.users[login] = u
	}
	f.team, _ = db.CreateTeam(ctx, "Versand")
	f.team.Members, f.team.RoundRobin = []int64{f.users["ann"].ID, f.users["ben"].ID}, true
	if err := db.SaveTeam(ctx, f.team); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*resonanz.Rule{
		{Name: "Anwalt", Enabled: true, Continue: true, Conditions: resonanz.RuleConditions{Keywords: []string{"Anwalt"}},
			Actions: resonanz.RuleActions{Priority: resonanz.PriorityUrgent}},
		{Name: "Lieferung", Enabled: true, Conditions: resonanz.RuleConditions{Topics: []string{"delivery"}},
			Actions: resonanz.RuleActions{TeamID: f.team.ID}},
	} {
		if err := db.SaveRule(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveSLAPolicy(ctx, &resonanz.SLAPolicy{Name: "Schnell", FirstResponse: time.Hour, NextResponse: 2 * time.Hour, WarnBefore: 10 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	return f
}

// write has a customer write about a delivery and returns the conversation id.
func (f *routingFixture) write(t *testing.T, customer, text string) int64 {
	t.Helper()
	f.n++
	res, err := f.db.Ingest(context.Background(), []resonanz.IncomingMessage{{Channel: "email", ExternalID: string(rune('a'+f.n)) + customer,
		Author: resonanz.Author{Handle: customer, CustomerRef: customer}, Text: text, Visibility: resonanz.Private,
		Time: time.Now().Add(time.Duration(f.n) * time.Second), Analysis: resonanz.Analysis{Topics: []string{"delivery"}}}})
	if err != nil {
		t.Fatal(err)
	}
	return res[0].ConversationID
}

func (f *routingFixture) routeAll(t *testing.T) {
	t.Helper()
	if _, err := f.router.RouteAll(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func (f *routingFixture) conversation(t *testing.T, id int64) *resonanz.Conversation {
	t.Helper()
	c, err := f.db.FindConversationByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRouterRoutesAssignsAndStartsClocks(t *testing.T) {
	f := newRoutingFixture(t)
	ctx := context.Background()
	var ids []int64
	for _, customer := range []string{"k1", "k2", "k3", "k4"} {
		ids = append(ids, f.write(t, customer, "Mein Paket ist nicht angekommen"))
	}
	f.routeAll(t)
	owners := map[int64]int{}
	for _, id := range ids {
		c := f.conversation(t, id)
		if c.TeamID != f.team.ID || len(c.Route) != 1 || c.Route[0].RuleName != "Lieferung" {
			t.Fatalf("conversation %d: team %d, route %+v; want team Versand by rule Lieferung", id, c.TeamID, c.Route)
		}
		if c.SLA == nil || c.SLA.Goal != resonanz.GoalFirstResponse || c.SLA.Due.Sub(c.CreatedAt) != time.Hour {
			t.Fatalf("conversation %d: clock %+v, want a first response due an hour after %v", id, c.SLA, c.CreatedAt)
		}
		owners[c.OwnerID]++
	}
	if owners[f.users["ann"].ID] != 2 || owners[f.users["ben"].ID] != 2 {
		t.Fatalf("round-robin gave %v, want two each to ann and ben", owners)
	}

	t.Run("ReplyMeetsTheGoal", func(t *testing.T) {
		c := f.conversation(t, ids[0])
		owner := &resonanz.User{ID: c.OwnerID, Name: c.OwnerName}
		if _, err := f.db.Reply(ctx, c.ID, owner, "Wir kümmern uns.", false); err != nil {
			t.Fatal(err)
		}
		f.routeAll(t)
		if c := f.conversation(t, ids[0]); c.SLA == nil || !c.SLA.Due.IsZero() {
			t.Fatalf("after the first reply the clock is %+v, want no running goal", c.SLA)
		}
	})
	t.Run("CustomerWritingAgainOwesTheNextResponse", func(t *testing.T) {
		c := f.conversation(t, ids[0])
		f.n++
		at := time.Now().Add(time.Minute).Truncate(time.Millisecond)
		if _, err := f.db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "again", Author: resonanz.Author{Handle: "k1", CustomerRef: "k1"},
			Text: "Und jetzt?", Visibility: resonanz.Private, Time: at}}); err != nil {
			t.Fatal(err)
		}
		f.routeAll(t)
		c = f.conversation(t, c.ID)
		if c.Status != resonanz.StatusOpen || c.SLA == nil || c.SLA.Goal != resonanz.GoalNextResponse || !c.SLA.Due.Equal(at.Add(2*time.Hour)) {
			t.Fatalf("after the customer wrote again: status %s, clock %+v; want open and the next response due two hours after %v", c.Status, c.SLA, at)
		}
	})
	t.Run("PreviousOwnerIsPreferred", func(t *testing.T) {
		first := f.conversation(t, ids[1])
		if err := f.db.UpdateConversation(ctx, first.ID, f.users["lea"], resonanz.ConversationUpdate{Status: ptr(resonanz.StatusClosed)}); err != nil {
			t.Fatal(err)
		}
		again := f.write(t, "k2", "Noch einmal wegen des Pakets")
		f.routeAll(t)
		if c := f.conversation(t, again); c.OwnerID != first.OwnerID {
			t.Fatalf("the returning customer went to %d, want their previous owner %d", c.OwnerID, first.OwnerID)
		}
	})
	t.Run("AwayAgentsGetNothing", func(t *testing.T) {
		if err := f.db.SetAvailability(ctx, f.users["ben"].ID, true, 0); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			id := f.write(t, "neu"+string(rune('a'+i)), "Wo ist meine Lieferung?")
			f.routeAll(t)
			if c := f.conversation(t, id); c.OwnerID != f.users["ann"].ID {
				t.Fatalf("with ben away, a new conversation went to %d (%s)", c.OwnerID, c.OwnerName)
			}
		}
	})
	t.Run("KeywordRuleGoesOn", func(t *testing.T) {
		id := f.write(t, "k9", "Mein Anwalt meldet sich wegen des Pakets")
		f.routeAll(t)
		c := f.conversation(t, id)
		if c.Priority != resonanz.PriorityUrgent || c.TeamID != f.team.ID || len(c.Route) != 2 {
			t.Fatalf("priority %s, team %d, route %+v; want urgent, Versand, both rules", c.Priority, c.TeamID, c.Route)
		}
	})
}

func ptr[T any](v T) *T { return &v }
