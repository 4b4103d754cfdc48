package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// goodwillSetup has a customer's conversation, an agent, a lead, an admin and
// a voucher policy: agents 20 €, leads 50 €, 100 € per customer in 90 days.
type goodwillSetup struct {
	db                 *store.DB
	conv               int64
	agent, lead, admin *resonanz.User
	now                time.Time
}

func newGoodwillSetup(t *testing.T, db *store.DB) *goodwillSetup {
	t.Helper()
	s := &goodwillSetup{db: db, now: t0}
	db.Now = func() time.Time { return s.now }
	s.agent = mustUser(t, db, "tom", resonanz.RoleAgent)
	s.lead = mustUser(t, db, "lea", resonanz.RoleLead)
	s.admin = mustUser(t, db, "ada", resonanz.RoleAdmin)
	s.conv = mustIngest(t, db, msg("email", "e1", "anna@example.org", "Die Lieferung kam zwei Wochen zu spät", 0))[0].ConversationID
	p := &resonanz.GoodwillPolicy{Kind: resonanz.GoodwillVoucher, AgentLimit: 2000, LeadLimit: 5000, CustomerTotal: 10000, PeriodDays: 90}
	if err := db.SaveGoodwillPolicy(context.Background(), p, s.lead); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *goodwillSetup) grant(t *testing.T, by *resonanz.User, cents int64) *resonanz.GoodwillGrant {
	t.Helper()
	g := &resonanz.GoodwillGrant{ConversationID: s.conv, Kind: resonanz.GoodwillVoucher, Amount: cents, Reason: "Lieferverzug"}
	if err := s.db.GrantGoodwill(context.Background(), g, by); err != nil {
		t.Fatal(err)
	}
	return g
}

func (s *goodwillSetup) state(t *testing.T, id int64) string {
	t.Helper()
	list, err := s.db.FindGoodwillGrants(context.Background(), resonanz.GoodwillFilter{ConversationID: s.conv})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range list {
		if g.ID == id {
			return g.State
		}
	}
	t.Fatalf("grant %d not found", id)
	return ""
}

func kinds(t *testing.T, db *store.DB, u *resonanz.User) string {
	t.Helper()
	notes, err := db.FindNotifications(context.Background(), u.ID, 20)
	if err != nil {
		t.Fatal(err)
	}
	var k []string
	for _, n := range notes {
		k = append(k, n.Kind)
	}
	return strings.Join(k, ",")
}

func TestGoodwillWithinLimitGranted(t *testing.T) {
	contract(t, func(t *testing.T, db *store.DB) {
		s := newGoodwillSetup(t, db)
		g := s.grant(t, s.agent, 2000)
		if g.State != resonanz.GoodwillGranted || s.state(t, g.ID) != resonanz.GoodwillGranted {
			t.Fatalf("20 € by an agent with a 20 € limit: %s", g.State)
		}
		if got := kinds(t, db, s.lead); got != "" {
			t.Fatalf("a grant within the limit notified the lead: %s", got)
		}
		if trail := auditText(t, db, s.conv); !strings.Contains(trail, "goodwill.granted amount=2000 kind=voucher reason=Lieferverzug") {
			t.Fatalf("audit trail:\n%s", trail)
		}
	})
}

func TestGoodwillAboveLimit(t *testing.T) {
	ctx := context.Background()
	t.Run("PendingThenApprovedByAdmin", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			s := newGoodwillSetup(t, db)
			g := s.grant(t, s.agent, 6000)
			if g.State != resonanz.GoodwillPending {
				t.Fatalf("60 € by an agent: %s, want pending", g.State)
			}
			if got := kinds(t, db, s.admin); got != "goodwill.approval" {
				t.Fatalf("admin notifications %q", got)
			}
			if got := kinds(t, db, s.lead); got != "" {
				t.Fatalf("a lead whose limit (50 €) does not cover 60 € was asked: %q", got)
			}
			if err := db.DecideGoodwill(ctx, g.ID, s.lead, true, ""); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("lead approving above their limit: %v", err)
			}
			if err := db.DecideGoodwill(ctx, g.ID, s.admin, true, "Stammkundin"); err != nil {
				t.Fatal(err)
			}
			if st := s.state(t, g.ID); st != resonanz.GoodwillGranted {
				t.Fatalf("approved request is %s", st)
			}
			if got := kinds(t, db, s.agent); got != "goodwill.approved" {
				t.Fatalf("requester notifications %q", got)
			}
			if err := db.DecideGoodwill(ctx, g.ID, s.admin, false, "doch nicht"); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("deciding twice: %v", err)
			}
		})
	})
	t.Run("RejectedWithNote", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			s := newGoodwillSetup(t, db)
			g := s.grant(t, s.agent, 3000)
			if got := kinds(t, db, s.lead); got != "goodwill.approval" {
				t.Fatalf("lead whose limit covers 30 € was not asked: %q", got)
			}
			if err := db.DecideGoodwill(ctx, g.ID, s.lead, false, ""); resonanz.ErrorField(err) != "note" {
				t.Fatalf("reject without note: %v", err)
			}
			if err := db.DecideGoodwill(ctx, g.ID, s.lead, false, "Gutschein wurde schon gewährt"); err != nil {
				t.Fatal(err)
			}
			if st := s.state(t, g.ID); st != resonanz.GoodwillRejected {
				t.Fatalf("rejected request is %s", st)
			}
			if trail := auditText(t, db, s.conv); !strings.Contains(trail, "goodwill.rejected amount=3000 kind=voucher note=Gutschein wurde schon gewährt requester=User tom") {
				t.Fatalf("audit trail:\n%s", trail)
			}
		})
	})
	t.Run("AgentCannotApprove", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			s := newGoodwillSetup(t, db)
			other := mustUser(t, db, "eva", resonanz.RoleAgent)
			g := s.grant(t, s.agent, 2500)
			for _, u := range []*resonanz.User{other, s.agent} {
				if err := db.DecideGoodwill(ctx, g.ID, u, true, ""); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
					t.Fatalf("agent %s approving: %v", u.Login, err)
				}
			}
			if st := s.state(t, g.ID); st != resonanz.GoodwillPending {
				t.Fatalf("request is %s after refused approvals", st)
			}
		})
	})
	t.Run("NoSelfApproval", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			s := newGoodwillSetup(t, db)
			g := s.grant(t, s.lead, 7000)
			if g.State != resonanz.GoodwillPending {
				t.Fatalf("70 € by a lead with a 50 € limit: %s", g.State)
			}
			if err := db.DecideGoodwill(ctx, g.ID, s.lead, true, ""); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("lead approving their own request: %v", err)
			}
		})
	})
}

func TestGoodwillCustomerTotalOverPeriod(t *testing.T) {
	contract(t, func(t *testing.T, db *store.DB) {
		s := newGoodwillSetup(t, db)
		for i := 0; i < 5; i++ {
			if g := s.grant(t, s.agent, 2000); g.State != resonanz.GoodwillGranted {
				t.Fatalf("voucher %d (total %d €): %s", i+1, (i+1)*20, g.State)
			}
		}
		s.now = t0.Add(89 * 24 * time.Hour)
		if g := s.grant(t, s.agent, 100); g.State != resonanz.GoodwillPending {
			t.Fatalf("1 € above the customer's 100 € within 90 days: %s", g.State)
		}
		if g := s.grant(t, s.admin, 5000); g.State != resonanz.GoodwillGranted {
			t.Fatalf("admins have no limit: %s", g.State)
		}
		s.now = t0.Add(91 * 24 * time.Hour)
		if g := s.grant(t, s.lead, 5000); g.State != resonanz.GoodwillGranted {
			t.Fatalf("the vouchers of day 0 no longer count: %s", g.State)
		}
		if g := s.grant(t, s.agent, 100); g.State != resonanz.GoodwillPending {
			t.Fatalf("the admin's 50 € of day 89 still count: %s", g.State)
		}
		s.now = t0.Add(180 * 24 * time.Hour)
		if g := s.grant(t, s.agent, 2000); g.State != resonanz.GoodwillGranted {
			t.Fatalf("after the period the customer has their total again: %s", g.State)
		}
	})
}

func TestGoodwillInput(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		s := newGoodwillSetup(t, db)
		for _, tc := range []struct {
			name  string
			g     resonanz.GoodwillGrant
			field string
		}{
			{"ErrNegativeAmount", resonanz.GoodwillGrant{Kind: resonanz.GoodwillVoucher, Amount: -500, Reason: "x"}, "amount"},
			{"ErrReasonRequired", resonanz.GoodwillGrant{Kind: resonanz.GoodwillVoucher, Amount: 500, Reason: " "}, "reason"},
			{"ErrUnknownKind", resonanz.GoodwillGrant{Kind: "cash", Amount: 500, Reason: "x"}, "kind"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tc.g.ConversationID = s.conv
				if err := db.GrantGoodwill(ctx, &tc.g, s.agent); resonanz.ErrorField(err) != tc.field {
					t.Fatalf("got %v, want an error about %s", err, tc.field)
				}
			})
		}
		t.Run("AgentCannotSetPolicy", func(t *testing.T) {
			p := &resonanz.GoodwillPolicy{Kind: resonanz.GoodwillVoucher, AgentLimit: 100000, LeadLimit: 100000, PeriodDays: 90}
			if err := db.SaveGoodwillPolicy(ctx, p, s.agent); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("agent raising their own limit: %v", err)
			}
		})
		t.Run("ErrLeadLimitBelowAgentLimit", func(t *testing.T) {
			p := &resonanz.GoodwillPolicy{Kind: resonanz.GoodwillRefund, AgentLimit: 5000, LeadLimit: 1000, PeriodDays: 90}
			if err := db.SaveGoodwillPolicy(ctx, p, s.admin); resonanz.ErrorField(err) != "lead_limit" {
				t.Fatalf("got %v", err)
			}
		})
	})
}
