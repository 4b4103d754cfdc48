package eventhook

import (
	"context"
	"log/slog"
	"maps"
	"time"

	"github.com/resonanz/resonanz"
)

// batch is how many facts of each source one round reads.
const batch = 500

// Dispatcher queues the events of what happened for the subscriptions. All
// it knows is in the database (a cursor per source), so after a restart it
// goes on where it stopped, and two nodes never queue an event twice.
type Dispatcher struct {
	Feed   resonanz.EventFeed
	Logger *slog.Logger
}

// Dispatch queues the events of one round of facts and reports how many it queued.
func (d *Dispatcher) Dispatch(ctx context.Context) (int, error) {
	if unheard, err := d.Feed.SkipUnheardEvents(ctx); err != nil || unheard {
		return 0, err
	}
	facts, read, err := d.Feed.EventFacts(ctx, batch)
	if err != nil || len(facts) == 0 {
		return 0, err
	}
	next := maps.Clone(read)
	var events []*resonanz.EventOut
	for _, f := range facts {
		next[f.Source] = max(next[f.Source], f.ID)
		e, err := event(f)
		if err != nil {
			return 0, err
		}
		if e != nil {
			events = append(events, e)
		}
	}
	if err := d.Feed.QueueEvents(ctx, events, read, next); err != nil {
		return 0, err
	}
	return len(events), nil
}

// Run dispatches every pause until ctx ends; a full round goes on at once.
func (d *Dispatcher) Run(ctx context.Context, pause time.Duration) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, err := d.Dispatch(ctx)
		if err != nil && ctx.Err() == nil && resonanz.ErrorCode(err) != resonanz.ECONFLICT {
			d.Logger.Error("event webhooks: dispatch", "err", err)
		}
		if n >= batch {
			t.Reset(0)
		} else {
			t.Reset(pause)
		}
	}
}
