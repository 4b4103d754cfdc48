package resonanz

import (
	"context"
	"time"
)

// Priorities of a conversation, lowest first.
const (
	PriorityLow    = "low"
	PriorityNormal = "normal"
	PriorityHigh   = "high"
	PriorityUrgent = "urgent"
)

// Priorities lists the priorities, lowest first.
var Priorities = []string{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}

// ValidPriority reports whether p is a priority.
func ValidPriority(p string) bool {
	for _, v := range Priorities {
		if v == p {
			return true
		}
	}
	return false
}

// PriorityRank orders priorities: low 0 … urgent 3; unknown ones count as normal.
func PriorityRank(p string) int {
	for i, v := range Priorities {
		if v == p {
			return i
		}
	}
	return 1
}

// Rule routes new conversations: when all its conditions hold, its actions apply.
// Rules are tried in Position order. A rule with Continue false ends routing
// when it matches (first match wins); with Continue true the next rules are
// tried as well (all matching rules apply, later ones overriding earlier ones).
type Rule struct {
	ID         int64
	Position   int
	Name       string
	Enabled    bool
	Continue   bool
	Conditions RuleConditions
	Actions    RuleActions
	UpdatedAt  time.Time
}

// RuleConditions must all hold for a rule to match. An empty list or false
// does not restrict; a list matches when the message has any of its values.
type RuleConditions struct {
	Channels   []string `json:"channels,omitempty"`
	Kinds      []string `json:"kinds,omitempty"`
	Sentiments []string `json:"sentiments,omitempty"`
	Topics     []string `json:"topics,omitempty"`
	Languages  []string `json:"languages,omitempty"`
	Urgency    []string `json:"urgency,omitempty"` // urgency signals, e.g. "press", "legal"
	Urgent     bool     `json:"urgent,omitempty"`  // any urgency signal
	VIP        bool     `json:"vip,omitempty"`
	Repeat     bool     `json:"repeat,omitempty"`   // the customer wrote before
	Keywords   []string `json:"keywords,omitempty"` // any of these words (stemmed, case-insensitive)
}

// RuleActions say what happens to a matching conversation. Zero values do nothing.
type RuleActions struct {
	TeamID   int64    `json:"team_id,omitempty"`
	Priority string   `json:"priority,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	OwnerID  int64    `json:"owner_id,omitempty"` // assign this agent instead of the team's round-robin
}

// RouteInput is what routing knows about an incoming message.
type RouteInput struct {
	Channel   string
	Language  string
	Sentiment string
	Kind      string
	Topics    []string
	Urgency   []string
	VIP       bool
	Repeat    bool
	Text      string
}

// RouteDecision is the outcome of routing, with the reasons for it.
type RouteDecision struct {
	TeamID   int64
	Priority string
	Tags     []string
	OwnerID  int64
	Matches  []RuleMatch // the rules that applied, in order
}

// RuleMatch explains why one rule applied: one reason per condition it
// checked, as "condition=value" with a Reason condition ("topic=delivery",
// "keyword=kündigen", "vip="), which the UI words in the reader's language.
type RuleMatch struct {
	RuleID   int64
	RuleName string
	Reasons  []string
}

// Conditions a rule matched on, as a RuleMatch names them. The value of
// ReasonUrgent is the message's urgency signals, comma-separated; VIP,
// repeat and always have none.
const (
	ReasonChannel   = "channel"
	ReasonKind      = "kind"
	ReasonSentiment = "sentiment"
	ReasonLanguage  = "language"
	ReasonTopic     = "topic"
	ReasonUrgency   = "urgency"
	ReasonUrgent    = "urgent"
	ReasonVIP       = "vip"
	ReasonRepeat    = "repeat"
	ReasonKeyword   = "keyword"
	ReasonAlways    = "always"
)

// RuleService keeps the routing rules.
type RuleService interface {
	FindRules(ctx context.Context) ([]*Rule, error)
	// SaveRule creates (ID 0) or updates a rule; a new rule goes last.
	SaveRule(ctx context.Context, r *Rule) error
	DeleteRule(ctx context.Context, id int64) error
	// MoveRule shifts a rule up (-1) or down (+1) in the order.
	MoveRule(ctx context.Context, id int64, delta int) error
}
