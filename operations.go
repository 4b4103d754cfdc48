package resonanz

import (
	"context"
	"time"
)

// Operations is the state of the running system that operators watch: what
// waits, what failed, what is red.
type Operations struct {
	At              time.Time      // when the state was read
	OutboxPending   int            // replies waiting to be sent
	Jobs            []JobCount     // durable jobs by kind and state
	AccountsFailing int            // channel accounts that failed several times in a row
	Accounts        int            // channel accounts connected
	AlertsOpen      map[string]int // open storm alerts by status (open, acknowledged)
	EventDeliveries map[string]int // event webhook deliveries by state
}

// JobCount is how many durable jobs of a kind are in a state.
type JobCount struct {
	Kind  string
	State string // available, scheduled, retryable, running, discarded, cancelled, completed
	Count int
	// Due is the earliest time one of them was scheduled for: for available
	// jobs, since when the oldest waits for a worker.
	Due time.Time
	// FailedAttempts is how many of their attempts failed.
	FailedAttempts int
}

// OperationsService reads the operational state.
type OperationsService interface {
	Operations(ctx context.Context) (*Operations, error)
}
