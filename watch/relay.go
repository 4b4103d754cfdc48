package watch

import (
	"sync"

	"github.com/resonanz/resonanz"
)

// Relay is the storm monitor as the rest of a node sees it: the runner the
// node runs now, if any. In a cluster only the lease holder runs one, and it
// follows the store rather than this node's ingest.
type Relay struct {
	mu     sync.Mutex
	runner *Runner
}

// Set makes r the node's runner; nil: the node runs none.
func (x *Relay) Set(r *Runner) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.runner = r
}

func (x *Relay) current() *Runner {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.runner
}

// Observe is an ingest observer: it hands newly stored messages to a runner
// that ingest feeds (a follower reads them from the store).
func (x *Relay) Observe(msgs []resonanz.IncomingMessage, results []resonanz.IngestResult) {
	if r := x.current(); r != nil && r.followed == nil {
		r.Observe(msgs, results)
	}
}

// Warming reports whether this node's monitor still learns from the history.
func (x *Relay) Warming() bool {
	r := x.current()
	return r != nil && r.Warming()
}

// Warm is closed once this node's monitor is warm; it never closes on a
// node that runs none.
func (x *Relay) Warm() <-chan struct{} {
	if r := x.current(); r != nil {
		return r.Warm()
	}
	return nil
}
