package resonanz

import (
	"context"
	"time"
)

// Route event kinds: what happened to a conversation that its routing and
// answer-time clock have not yet taken in. A status change is recorded under
// the new status (StatusWaiting, …).
const (
	RouteNew        = "new"        // a customer opened the conversation
	RouteCustomer   = "customer"   // the customer wrote again
	RouteAgent      = "agent"      // an agent replied
	RouteUnassigned = "unassigned" // the owner gave it back (e.g. after a missed goal)
)

// RouteEvent is one thing that happened to a conversation.
type RouteEvent struct {
	ID   int64
	Kind string
	At   time.Time
}

// PendingRoute is a conversation with events the router has not yet taken in.
type PendingRoute struct {
	Conversation  *Conversation
	VIP           bool
	Text          string // the latest customer message
	PreviousOwner int64  // who owned the customer's last other conversation; 0: nobody
	PolicyID      int64
	Clock         []byte // the stored clock (JSON), empty before the first start
	Events        []RouteEvent
}

// RouteUpdate is what the router decided for a pending conversation. It is
// written in one transaction with the conversation's timers.
type RouteUpdate struct {
	ConversationID int64
	LastEventID    int64 // the events up to this one are taken in
	Routed         bool  // Decision applies (a new conversation)
	Decision       RouteDecision
	AssignTo       int64  // 0: leave the owner as it is
	AssignReason   string // why AssignTo: AuditAssignPrevious, AuditAssignRoundRobin or AuditAssignRule
	PolicyID       int64
	Clock          []byte
	Goal           string    // the running goal due next; "" when none
	Due            time.Time // zero: no running goal
	WarnAt         time.Time // zero: no warning
}

// RouteStore is what the router needs from the store.
type RouteStore interface {
	// PendingRoutes returns conversations with events not yet taken in, oldest first.
	PendingRoutes(ctx context.Context, limit int) ([]*PendingRoute, error)
	// ApplyRoutes writes the router's decisions and schedules their timers.
	ApplyRoutes(ctx context.Context, updates []*RouteUpdate) error
	// OpenLoads returns how many open or waiting conversations each owner has.
	OpenLoads(ctx context.Context) (map[int64]int, error)
	// TeamLastAssigned returns, per team, the member who got its last round-robin conversation.
	TeamLastAssigned(ctx context.Context) (map[int64]int64, error)
}
