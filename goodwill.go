package resonanz

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Kinds of goodwill (Kulanz) an agent can grant.
const (
	GoodwillVoucher      = "voucher"
	GoodwillRefund       = "refund"
	GoodwillFreeShipping = "free_shipping"
	GoodwillReplacement  = "replacement"
)

// GoodwillKinds lists the kinds of goodwill.
var GoodwillKinds = []string{GoodwillVoucher, GoodwillRefund, GoodwillFreeShipping, GoodwillReplacement}

// States of a goodwill grant.
const (
	GoodwillGranted  = "granted"
	GoodwillPending  = "pending" // waits for an approver
	GoodwillRejected = "rejected"
)

// GoodwillWhy says, in the params "why" of a request's audit entry and
// notification, why goodwill waits for approval: the customer's total for the
// period would be exceeded (params left, total, days), or the amount is above
// the limit of the requester's role (params role, limit).
const (
	GoodwillWhyCustomer = "customer"
	GoodwillWhyLimit    = "limit"
)

// GoodwillPolicy limits one kind of goodwill. Amounts are in euro cents.
// Admins have no limit.
type GoodwillPolicy struct {
	Kind          string
	AgentLimit    int64 // most an agent grants at once without approval
	LeadLimit     int64 // most a lead grants or approves
	CustomerTotal int64 // most one customer gets of this kind within PeriodDays; 0: no cap
	PeriodDays    int
	UpdatedBy     string
	UpdatedAt     time.Time
}

// Covers reports whether a user of role may grant or approve amount on their own.
func (p *GoodwillPolicy) Covers(role string, amount int64) bool {
	switch role {
	case RoleAdmin:
		return true
	case RoleLead:
		return amount <= p.LeadLimit
	case RoleAgent:
		return amount <= p.AgentLimit
	}
	return false
}

// Remaining is what a customer who got used within the period may still get; -1: no cap.
func (p *GoodwillPolicy) Remaining(used int64) int64 {
	if p.CustomerTotal == 0 {
		return -1
	}
	return max(p.CustomerTotal-used, 0)
}

// Validate checks a policy before it is saved.
func (p *GoodwillPolicy) Validate() error {
	switch {
	case !slices.Contains(GoodwillKinds, p.Kind):
		return FieldError("kind", "Unknown kind of goodwill %q.", p.Kind).Keyed("goodwill.kind.unknown")
	case p.AgentLimit < 0 || p.AgentLimit > MaxGoodwill:
		return FieldError("agent_limit", "The agent limit must be between 0 and %s.", FormatEuros(MaxGoodwill)).Keyed("goodwill.limit.agent")
	case p.LeadLimit < p.AgentLimit || p.LeadLimit > MaxGoodwill:
		return FieldError("lead_limit", "The lead limit must be at least the agent limit and at most %s.", FormatEuros(MaxGoodwill)).Keyed("goodwill.limit.lead")
	case p.CustomerTotal < 0 || p.CustomerTotal > MaxGoodwill:
		return FieldError("customer_total", "The customer total must be between 0 (no cap) and %s.", FormatEuros(MaxGoodwill)).Keyed("goodwill.limit.customer")
	case p.PeriodDays < 1 || p.PeriodDays > 3660:
		return FieldError("period_days", "The period must be 1 to 3660 days.").Keyed("goodwill.period")
	}
	return nil
}

// GoodwillGrant is goodwill given, or asked for, in a conversation.
type GoodwillGrant struct {
	ID             int64
	ConversationID int64
	ContactID      int64
	CustomerName   string
	Kind           string
	Amount         int64 // euro cents
	Reason         string
	State          string
	RequestedByID  int64
	RequestedBy    string
	DecidedBy      string
	DecisionNote   string
	CreatedAt      time.Time
	DecidedAt      time.Time // zero: granted at once, or still pending
	GrantedAt      time.Time // zero: not granted
}

// Validate checks what an agent entered for a grant.
func (g *GoodwillGrant) Validate() error {
	g.Reason = strings.TrimSpace(g.Reason)
	switch {
	case !slices.Contains(GoodwillKinds, g.Kind):
		return FieldError("kind", "Choose the kind of goodwill.").Keyed("goodwill.kind.missing")
	case g.Amount <= 0:
		return FieldError("amount", "The amount must be more than 0 €.").Keyed("goodwill.amount.zero")
	case g.Amount > MaxGoodwill:
		return FieldError("amount", "The amount must be at most %s.", FormatEuros(MaxGoodwill)).Keyed("goodwill.amount.max")
	case g.Reason == "" || !utf8.ValidString(g.Reason):
		return FieldError("reason", "Give a reason for the goodwill.").Keyed("goodwill.reason.missing")
	case utf8.RuneCountInString(g.Reason) > MaxPromiseLen:
		return FieldError("reason", "The reason is too long (at most %d characters).", MaxPromiseLen).Keyed("reason.long")
	}
	return nil
}

// GoodwillFilter selects grants. Zero values do not filter.
type GoodwillFilter struct {
	ConversationID int64
	ContactID      int64 // goodwill for this person, in any conversation
	State          string
	Since          time.Time // granted (or, if never granted, asked for) at or after
	Limit          int       // 0: 500
}

// GoodwillService keeps goodwill policies and grants; each grant and decision
// is recorded in the conversation's audit trail.
type GoodwillService interface {
	FindGoodwillPolicies(ctx context.Context) ([]*GoodwillPolicy, error)
	// SaveGoodwillPolicy replaces the policy of one kind; leads and admins only.
	SaveGoodwillPolicy(ctx context.Context, p *GoodwillPolicy, by *User) error
	// GrantGoodwill grants at once what by's limit and the customer's
	// remaining total allow; anything more becomes a pending request and the
	// users who may approve it are notified. g.State tells which.
	GrantGoodwill(ctx context.Context, g *GoodwillGrant, by *User) error
	// DecideGoodwill approves or rejects a pending request; only a user whose
	// limit covers the amount decides, and never on their own request.
	DecideGoodwill(ctx context.Context, id int64, by *User, approve bool, note string) error
	// FindGoodwillGrants returns grants, newest first.
	FindGoodwillGrants(ctx context.Context, f GoodwillFilter) ([]*GoodwillGrant, error)
}
