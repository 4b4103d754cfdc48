package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestRouteEvents(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		team, err := db.CreateTeam(ctx, "Versand")
		if err != nil {
			t.Fatal(err)
		}
		res := mustIngest(t, db, msg("email", "e1", "kim@example.org", "Wo bleibt mein Paket?", 0))
		mustIngest(t, db, msg("email", "e2", "kim@example.org", "Hallo?", 5))
		pending, err := db.PendingRoutes(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) != 1 || len(pending[0].Events) != 2 || pending[0].Events[0].Kind != resonanz.RouteNew ||
			pending[0].Events[1].Kind != resonanz.RouteCustomer || pending[0].Text != "Hallo?" {
			t.Fatalf("pending = %+v, want one conversation with a new and a customer event", pending)
		}
		due := time.Date(2030, 1, 2, 10, 0, 0, 0, time.UTC)
		policy := &resonanz.SLAPolicy{Name: "Standard", FirstResponse: time.Hour}
		if err := db.SaveSLAPolicy(ctx, policy); err != nil {
			t.Fatal(err)
		}
		upd := &resonanz.RouteUpdate{ConversationID: res[0].ConversationID, LastEventID: pending[0].Events[1].ID, Routed: true,
			Decision: resonanz.RouteDecision{TeamID: team.ID, Priority: resonanz.PriorityHigh, Tags: []string{"paket"},
				Matches: []resonanz.RuleMatch{{RuleID: 1, RuleName: "Lieferung", Reasons: []string{"topic=delivery"}}}},
			AssignTo: agent.ID, AssignReason: "round-robin", PolicyID: policy.ID, Clock: []byte(`{}`),
			Goal: resonanz.GoalFirstResponse, Due: due}
		if err := db.ApplyRoutes(ctx, []*resonanz.RouteUpdate{upd}); err != nil {
			t.Fatal(err)
		}
		c, err := db.FindConversationByID(ctx, res[0].ConversationID)
		if err != nil {
			t.Fatal(err)
		}
		if c.TeamID != team.ID || c.OwnerID != agent.ID || c.Priority != resonanz.PriorityHigh || len(c.Route) != 1 ||
			c.Route[0].Reasons[0] != "topic=delivery" || c.SLA == nil || !c.SLA.Due.Equal(due) || c.SLA.PolicyName != "Standard" {
			t.Fatalf("routed conversation = %+v (sla %+v)", c, c.SLA)
		}
		if pending, _ := db.PendingRoutes(ctx, 10); len(pending) != 0 {
			t.Fatalf("events left after routing: %+v", pending)
		}
		if _, err := db.Reply(ctx, c.ID, agent, "Ist unterwegs.", false); err != nil {
			t.Fatal(err)
		}
		pending, _ = db.PendingRoutes(ctx, 10)
		if len(pending) != 1 || len(pending[0].Events) != 2 || pending[0].Events[0].Kind != resonanz.RouteAgent ||
			pending[0].Events[1].Kind != resonanz.StatusWaiting || string(pending[0].Clock) != `{}` || pending[0].PolicyID != policy.ID {
			t.Fatalf("after a reply pending = %+v, want agent and waiting events with the stored clock", pending)
		}
		if urgent := inboxIDs(t, db, resonanz.ConversationFilter{Priority: resonanz.PriorityHigh}); len(urgent) != 1 {
			t.Fatalf("priority filter found %v", urgent)
		}
		if sorted := inboxIDs(t, db, resonanz.ConversationFilter{ByDue: true}); len(sorted) != 1 || sorted[0] != c.ID {
			t.Fatalf("sorting by due time shows %v, want only the conversation with a clock", sorted)
		}
		if late := inboxIDs(t, db, resonanz.ConversationFilter{Overdue: true}); len(late) != 0 {
			t.Fatalf("overdue before the due time: %v", late)
		}
		db.Now = func() time.Time { return due.Add(time.Minute) }
		if late := inboxIDs(t, db, resonanz.ConversationFilter{Overdue: true}); len(late) != 1 || late[0] != c.ID {
			t.Fatalf("overdue after the due time: %v, want %d", late, c.ID)
		}
		if err := db.DeleteSLAPolicy(ctx, policy.ID); err != nil {
			t.Fatal(err)
		}
		if c, _ := db.FindConversationByID(ctx, c.ID); c.SLA != nil {
			t.Fatalf("the clock of a deleted policy still runs: %+v", c.SLA)
		}
		if late := inboxIDs(t, db, resonanz.ConversationFilter{Overdue: true}); len(late) != 0 {
			t.Fatalf("overdue under a deleted policy: %v", late)
		}
	})
}

func TestRules(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		for _, name := range []string{"A", "B", "C"} {
			if err := db.SaveRule(ctx, &resonanz.Rule{Name: name, Enabled: true,
				Conditions: resonanz.RuleConditions{Keywords: []string{"kündigen"}}, Actions: resonanz.RuleActions{Priority: "high"}}); err != nil {
				t.Fatal(err)
			}
		}
		rules, _ := db.FindRules(ctx)
		if err := db.MoveRule(ctx, rules[2].ID, -1); err != nil {
			t.Fatal(err)
		}
		rules, _ = db.FindRules(ctx)
		if got := rules[0].Name + rules[1].Name + rules[2].Name; got != "ACB" {
			t.Fatalf("order after moving C up = %s, want ACB", got)
		}
		if rules[0].Conditions.Keywords[0] != "kündigen" || rules[0].Actions.Priority != "high" {
			t.Fatalf("rule read back as %+v", rules[0])
		}
		for _, bad := range []*resonanz.Rule{
			{Name: "", Actions: resonanz.RuleActions{Priority: "high"}},
			{Name: "x"},
			{Name: "x", Actions: resonanz.RuleActions{Priority: "sofort"}},
			{Name: "x", Conditions: resonanz.RuleConditions{Channels: []string{"fax"}}, Actions: resonanz.RuleActions{Priority: "low"}},
		} {
			if err := db.SaveRule(ctx, bad); resonanz.ErrorCode(err) != resonanz.EINVALID {
				t.Errorf("SaveRule(%+v) = %v, want EINVALID", bad, err)
			}
		}
		if err := db.DeleteRule(ctx, rules[0].ID); err != nil {
			t.Fatal(err)
		}
		if rules, _ := db.FindRules(ctx); len(rules) != 2 {
			t.Fatalf("%d rules after delete, want 2", len(rules))
		}
	})
}

func TestSLASettings(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		cal := &resonanz.Calendar{Name: "Büro", TimeZone: "Europe/Berlin", State: "BY", Closed: []string{"2030-12-24"}}
		cal.Week[time.Monday] = []resonanz.Span{{Start: 9 * 60, End: 17 * 60}}
		if err := db.SaveCalendar(ctx, cal); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveCalendar(ctx, &resonanz.Calendar{Name: "Mond", TimeZone: "Mars/Olympus"}); resonanz.ErrorCode(err) != resonanz.EINVALID {
			t.Fatalf("unknown time zone: %v, want EINVALID", err)
		}
		cals, _ := db.FindCalendars(ctx)
		if len(cals) != 1 || cals[0].Week[time.Monday][0].End != 17*60 || cals[0].Closed[0] != "2030-12-24" {
			t.Fatalf("calendars = %+v", cals)
		}
		p := &resonanz.SLAPolicy{Name: "E-Mail", Channel: "email", FirstResponse: 4 * time.Hour, Resolution: 48 * time.Hour,
			WarnBefore: 30 * time.Minute, CalendarID: cal.ID, Reassign: true}
		if err := db.SaveSLAPolicy(ctx, p); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []*resonanz.SLAPolicy{{Name: "leer"}, {Name: "neg", FirstResponse: -time.Hour}, {Name: "fax", Channel: "fax", Resolution: time.Hour}} {
			if err := db.SaveSLAPolicy(ctx, bad); resonanz.ErrorCode(err) != resonanz.EINVALID {
				t.Errorf("SaveSLAPolicy(%+v) = %v, want EINVALID", bad, err)
			}
		}
		list, _ := db.FindSLAPolicies(ctx)
		if len(list) != 1 || list[0].FirstResponse != 4*time.Hour || list[0].CalendarName != "Büro" || !list[0].Reassign {
			t.Fatalf("policies = %+v", list)
		}
	})
}

// Ingest and the router write at the same time, each learning statement
// shapes for the shared cache: neither may wait for the other for ever, and
// every conversation gets routed. (The cache once held its lock while
// preparing, and the two deadlocked.)
func TestIngestAndRoutingWriteTogether(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		const batches = 40
		ingested, routed := make(chan error, 1), make(chan error, 1)
		ingestDone := make(chan struct{})
		go func() {
			defer close(ingestDone)
			for b := range batches {
				// Batch sizes vary, so that new statement shapes keep turning up.
				var in []resonanz.IncomingMessage
				for i := range 1 + b%7*13 {
					in = append(in, msg("email", fmt.Sprintf("e%d-%d", b, i), fmt.Sprintf("k%d@example.org", (b*31+i)%97), "Wo bleibt mein Paket?", b))
				}
				if _, err := db.Ingest(ctx, in); err != nil {
					ingested <- err
					return
				}
			}
			ingested <- nil
		}()
		go func() {
			// Routes until a pass after the last batch finds nothing left.
			for last := false; ; {
				select {
				case <-ingestDone:
					last = true
				default:
				}
				pending, err := db.PendingRoutes(ctx, 50)
				if err != nil {
					routed <- err
					return
				}
				var updates []*resonanz.RouteUpdate
				for _, p := range pending {
					updates = append(updates, &resonanz.RouteUpdate{ConversationID: p.Conversation.ID, LastEventID: p.Events[len(p.Events)-1].ID,
						Routed: true, Decision: resonanz.RouteDecision{Priority: resonanz.PriorityHigh}, Clock: []byte(`{}`)})
				}
				if err := db.ApplyRoutes(ctx, updates); err != nil {
					routed <- err
					return
				}
				if len(pending) == 0 {
					if last {
						routed <- nil
						return
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
		}()
		for _, c := range []chan error{ingested, routed} {
			select {
			case err := <-c:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(2 * time.Minute):
				t.Fatal("ingest and routing are stuck waiting for each other")
			}
		}
		pending, err := db.PendingRoutes(ctx, 10)
		if err != nil || len(pending) != 0 {
			t.Fatalf("%d conversations left unrouted, %v", len(pending), err)
		}
	})
}

// The router takes conversations in the order their first pending event
// came, with all their events, however many events one conversation has.
func TestPendingRoutesOldestFirst(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		var msgs []resonanz.IncomingMessage
		for i := range 12 {
			msgs = append(msgs, msg("email", fmt.Sprintf("a%d", i), "ana@example.org", "Wo bleibt mein Paket?", i))
		}
		msgs = append(msgs, msg("email", "b", "ben@example.org", "Rechnung falsch", 20),
			msg("email", "c", "cem@example.org", "App stürzt ab", 21), msg("email", "a-late", "ana@example.org", "Hallo?", 22))
		res := mustIngest(t, db, msgs...)
		ana, ben, cem := res[0].ConversationID, res[12].ConversationID, res[13].ConversationID
		take := func(limit int, want ...int64) []*resonanz.PendingRoute {
			t.Helper()
			pending, err := db.PendingRoutes(ctx, limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, p := range pending {
				got = append(got, p.Conversation.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("pending conversations %v, want %v", got, want)
			}
			var updates []*resonanz.RouteUpdate
			for _, p := range pending {
				updates = append(updates, &resonanz.RouteUpdate{ConversationID: p.Conversation.ID, LastEventID: p.Events[len(p.Events)-1].ID})
			}
			if err := db.ApplyRoutes(ctx, updates); err != nil {
				t.Fatal(err)
			}
			return pending
		}
		if first := take(2, ana); len(first[0].Events) != 13 {
			t.Fatalf("the first conversation comes with %d events, want one for each of its 13 messages", len(first[0].Events))
		}
		take(2, ben, cem)
		take(2)
	})
}
