package watch

import (
	"context"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/resonanz/resonanz"
)

// history is how much of the past a restarted monitor replays: the
// detector's baseline looks back three weeks.
const history = 22 * 24 * time.Hour

// History is the stored messages a starting monitor learns from.
type History interface {
	// LastMessageID returns the id of the newest stored message, 0 if there is none.
	LastMessageID(ctx context.Context) (int64, error)
	// ReplayComplaints calls fn for every negative customer message sent
	// since since, oldest first.
	ReplayComplaints(ctx context.Context, since time.Time, fn func(m *resonanz.Message) error) error
}

// Runner runs the monitor beside ingest: committed messages are handed to
// it through a queue, so that the writer never waits for it. It learns the
// usual level of complaints from the stored history in the background, so
// that resonanz serves and takes messages in at once after a restart;
// messages stored meanwhile wait and are observed, live, once it is warm.
type Runner struct {
	monitor *Monitor
	queue   chan []Observed
	warm    chan struct{} // closed once the history is replayed and the waiting messages observed
	done    chan struct{}
	cancel  context.CancelFunc
	logger  *slog.Logger

	mu     sync.Mutex
	warmed bool
	early  [][]Observed // batches stored while the history replays

	followed chan struct{} // closed when a follower stopped reading the store; nil: fed by Observe
	// kept records that the messages up to an id are observed (a
	// follower's place in the store); nil when nothing keeps it.
	kept func(id int64)
}

// StartRunner starts the monitor and the replay of the history: the
// messages stored so far, no newer ones, which the monitor sees live. With
// raise set (a database just filled with demo data) the history raises
// alerts as if it had arrived live; otherwise it only teaches the monitor
// what is usual.
func StartRunner(ctx context.Context, monitor *Monitor, past History, logger *slog.Logger, raise bool) (*Runner, error) {
	last, err := past.LastMessageID(ctx)
	if err != nil {
		return nil, err
	}
	warmCtx, cancel := context.WithCancel(context.Background())
	r := &Runner{monitor: monitor, queue: make(chan []Observed, 256), warm: make(chan struct{}), done: make(chan struct{}),
		cancel: cancel, logger: logger}
	go r.run(warmCtx, past, last, raise)
	return r, nil
}

// Warm is closed once the monitor has learned from the stored history and
// observed the messages that arrived meanwhile.
func (r *Runner) Warm() <-chan struct{} { return r.warm }

// Warming reports whether the monitor still learns from the history.
func (r *Runner) Warming() bool {
	select {
	case <-r.warm:
		return false
	default:
		return true
	}
}

func (r *Runner) run(ctx context.Context, past History, last int64, raise bool) {
	defer close(r.done)
	start := time.Now()
	err := r.warmUp(ctx, past, last, raise)
	r.mu.Lock()
	early := r.early
	r.early, r.warmed = nil, true
	r.mu.Unlock()
	if err != nil {
		// Observing with half a history would raise false alarms: storm
		// warnings stay off until the next start.
		if ctx.Err() == nil {
			r.logger.Error("storm monitor: the history could not be replayed; storm warnings are off until resonanz restarts", "err", err)
		}
		close(r.warm)
		for range r.queue {
		}
		return
	}
	for _, batch := range early {
		r.observe(batch)
	}
	r.logger.Info("storm monitor is warm", "took", time.Since(start).Round(time.Millisecond), "waited", len(early))
	close(r.warm)
	for batch := range r.queue {
		r.observe(batch)
		if r.kept != nil && len(batch) > 0 {
			r.kept(lastID(batch))
		}
	}
}

// lastID is the highest message id of a batch.
func lastID(batch []Observed) int64 {
	var last int64
	for _, o := range batch {
		last = max(last, o.MessageID)
	}
	return last
}

// replayChunk is how many messages of the history the monitor takes in at
// a time: the history is never held whole, however long it is.
const replayChunk = 1000

// warmUp feeds the monitor the complaints up to id last of the recent
// history: only negative messages count towards a storm.
func (r *Runner) warmUp(ctx context.Context, past History, last int64, raise bool) error {
	chunk := make([]Observed, 0, replayChunk)
	feed := func() error {
		var err error
		if raise {
			err = r.monitor.Observe(ctx, chunk)
		} else {
			r.monitor.Replay(chunk)
		}
		chunk = chunk[:0]
		return err
	}
	err := past.ReplayComplaints(ctx, time.Now().Add(-history), func(m *resonanz.Message) error {
		if m.ID <= last {
			chunk = append(chunk, observed(m.ID, m.Channel, m.AuthorHandle, m.Text, m.SentAt, m.Analysis))
		}
		if len(chunk) == replayChunk {
			if err := feed(); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	if err == nil {
		err = feed()
	}
	if err != nil || raise {
		return err
	}
	return r.monitor.Resume(ctx)
}

func observed(id int64, channel, author, text string, at time.Time, a resonanz.Analysis) Observed {
	return Observed{MessageID: id, Channel: channel, Author: author, Text: text, Time: at, Analysis: a}
}

// Observe is an ingest observer: it queues newly stored messages, oldest first.
func (r *Runner) Observe(msgs []resonanz.IncomingMessage, results []resonanz.IngestResult) {
	var batch []Observed
	for i, res := range results {
		if !res.Duplicate {
			m := &msgs[i]
			batch = append(batch, observed(res.MessageID, m.Channel, m.Author.Handle, m.Text, m.Time, m.Analysis))
		}
	}
	sort.SliceStable(batch, func(i, j int) bool { return batch[i].Time.Before(batch[j].Time) })
	if len(batch) == 0 {
		return
	}
	r.mu.Lock()
	if !r.warmed {
		r.early = append(r.early, batch)
		r.mu.Unlock()
		return
	}
	r.mu.Unlock()
	r.queue <- batch
}

func (r *Runner) observe(batch []Observed) {
	if err := r.monitor.Observe(context.Background(), batch); err != nil {
		r.logger.Error("storm monitor", "err", err)
	}
}

// Stop lets the monitor finish what is queued, or ends a replay still
// running; call it after ingest has stopped.
func (r *Runner) Stop() {
	r.cancel()
	if r.followed != nil {
		<-r.followed
	}
	close(r.queue)
	<-r.done
}
