package resonanz

import "context"

// Lease is the right of one node of a cluster to do the work that must run
// once (routing, the storm monitor, polling the channels); see LeaseService.
type Lease interface {
	// Lost is closed when the node can no longer be sure it holds the
	// lease (its connection to the database broke); it must stop the work.
	Lost() <-chan struct{}
	// Release gives the lease up for another node to take.
	Release()
}

// LeaseService hands out leases by name, to one node at a time.
type LeaseService interface {
	// TakeLease takes the lease name if no node holds it, without waiting:
	// ok is false when another node holds it.
	TakeLease(ctx context.Context, name string) (lease Lease, ok bool, err error)
}
