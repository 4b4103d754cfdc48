package watch

import (
	"context"
	"log/slog"
	"sort"
	"time"

	"github.com/resonanz/resonanz"
)

// Stored is what a monitor of a cluster reads: the history, and the
// messages every node stores after it.
type Stored interface {
	History
	// MessagesAfter returns up to limit customer messages stored after
	// the message with id after, in the order they were stored.
	MessagesAfter(ctx context.Context, after int64, limit int) ([]*resonanz.Message, error)
	// MonitorCursor and SetMonitorCursor keep the newest message observed
	// live, for the node that takes over; ok is false before any was.
	MonitorCursor(ctx context.Context) (id int64, ok bool, err error)
	SetMonitorCursor(ctx context.Context, id int64) error
}

// followBatch is how many stored messages a follower reads at a time.
const followBatch = 500

// StartFollower starts the monitor of a node that runs it for a cluster
// (the lease holder): it learns from the history as StartRunner does, then
// observes what any node stores, reading the store every pause, instead of
// what this node's ingest hands it. Taking over from a node that stopped or
// died, it rebuilds the state from the store: it learns from what the last
// monitor observed and observes, live, what was stored after that. With
// raise set (a database just filled with demo data) the history raises
// alerts.
func StartFollower(ctx context.Context, monitor *Monitor, stored Stored, logger *slog.Logger, pause time.Duration, raise bool) (*Runner, error) {
	last, ok, err := stored.MonitorCursor(ctx)
	if err == nil && !ok {
		last, err = stored.LastMessageID(ctx)
	}
	if err != nil {
		return nil, err
	}
	warmCtx, cancel := context.WithCancel(context.Background())
	r := &Runner{monitor: monitor, queue: make(chan []Observed, 16), warm: make(chan struct{}), done: make(chan struct{}),
		cancel: cancel, logger: logger, followed: make(chan struct{})}
	// The place is kept once a batch is observed, not when it is queued: a
	// node dying with a batch queued leaves it to the next leader to observe
	// live. Learned as history instead, a storm's start that this node had
	// not yet raised would teach the next one that the storm is usual. An
	// alert raised just before dying is not raised twice: the next leader
	// resumes the open alerts.
	r.kept = func(id int64) {
		if err := stored.SetMonitorCursor(context.Background(), id); err != nil {
			logger.Warn("storm monitor: keeping its place failed", "err", err)
		}
	}
	go r.run(warmCtx, stored, last, raise)
	go r.follow(warmCtx, stored, last, pause)
	return r, nil
}

// follow queues what is stored after message last, once the monitor is warm.
func (r *Runner) follow(ctx context.Context, stored Stored, last int64, pause time.Duration) {
	defer close(r.followed)
	select {
	case <-r.warm:
	case <-ctx.Done():
		return
	}
	for {
		list, err := stored.MessagesAfter(ctx, last, followBatch)
		if err != nil && ctx.Err() == nil {
			r.logger.Warn("storm monitor: reading the stored messages failed; trying again", "err", err)
		}
		if len(list) > 0 {
			batch := make([]Observed, len(list))
			for i, m := range list {
				batch[i] = observed(m.ID, m.Channel, m.AuthorHandle, m.Text, m.SentAt, m.Analysis)
			}
			last = list[len(list)-1].ID
			sort.SliceStable(batch, func(i, j int) bool { return batch[i].Time.Before(batch[j].Time) })
			select {
			case r.queue <- batch:
			case <-ctx.Done():
				return
			}
		}
		if len(list) == followBatch {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
	}
}
