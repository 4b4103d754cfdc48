package main

import (
	"context"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/ingest"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/watch"
)

// history is how much of the past a restarted monitor replays: the
// detector's baseline looks back three weeks.
const history = 22 * 24 * time.Hour

// storms runs the storm monitor beside ingest: committed messages are handed
// to it through a queue, so that the writer never waits for it. It learns
// the usual level of complaints from the stored history in the background,
// so that resonanz serves and takes messages in at once after a restart;
// messages stored meanwhile wait and are observed, live, once it is warm.
type storms struct {
	monitor *watch.Monitor
	queue   chan []watch.Observed
	warm    chan struct{} // closed once the history is replayed and the waiting messages observed
	done    chan struct{}
	cancel  context.CancelFunc
	logger  *slog.Logger

	mu     sync.Mutex
	warmed bool
	early  [][]watch.Observed // batches stored while the history replays
}

// replayer reads the stored messages since a time, oldest first.
type replayer func(ctx context.Context, since time.Time, fn func(m *resonanz.Message) error) error

// startStorms starts the monitor and the replay of the history: the
// messages stored so far, no newer ones, which the monitor sees live. With
// raise set (a database just filled with demo data) the history raises
// alerts as if it had arrived live; otherwise it only teaches the monitor
// what is usual.
func startStorms(ctx context.Context, db *store.DB, replay replayer, live resonanz.EventService, logger *slog.Logger, raise bool) (*storms, error) {
	monitor, err := watch.NewMonitor(watch.DefaultConfig(), db, live)
	if err != nil {
		return nil, err
	}
	last, err := db.LastMessageID(ctx)
	if err != nil {
		return nil, err
	}
	warmCtx, cancel := context.WithCancel(context.Background())
	s := &storms{monitor: monitor, queue: make(chan []watch.Observed, 256), warm: make(chan struct{}), done: make(chan struct{}),
		cancel: cancel, logger: logger}
	go s.run(warmCtx, replay, last, raise)
	return s, nil
}

// warming reports whether the monitor still learns from the history.
func (s *storms) warming() bool {
	select {
	case <-s.warm:
		return false
	default:
		return true
	}
}

func (s *storms) run(ctx context.Context, replay replayer, last int64, raise bool) {
	defer close(s.done)
	start := time.Now()
	err := s.warmUp(ctx, replay, last, raise)
	s.mu.Lock()
	early := s.early
	s.early, s.warmed = nil, true
	s.mu.Unlock()
	if err != nil {
		// Observing with half a history would raise false alarms: storm
		// warnings stay off until the next start.
		if ctx.Err() == nil {
			s.logger.Error("storm monitor: the history could not be replayed; storm warnings are off until resonanz restarts", "err", err)
		}
		close(s.warm)
		for range s.queue {
		}
		return
	}
	for _, batch := range early {
		s.observe(batch)
	}
	s.logger.Info("storm monitor is warm", "took", time.Since(start).Round(time.Millisecond), "waited", len(early))
	close(s.warm)
	for batch := range s.queue {
		s.observe(batch)
	}
}

// warmUp feeds the monitor the messages up to id last of the recent history.
func (s *storms) warmUp(ctx context.Context, replay replayer, last int64, raise bool) error {
	var past []watch.Observed
	err := replay(ctx, time.Now().Add(-history), func(m *resonanz.Message) error {
		if m.ID <= last {
			past = append(past, observed(m.ID, m.Channel, m.AuthorHandle, m.Text, m.SentAt, m.Analysis))
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	if raise {
		return s.monitor.Observe(ctx, past)
	}
	s.monitor.Replay(past)
	return s.monitor.Resume(ctx)
}

func observed(id int64, channel, author, text string, at time.Time, a resonanz.Analysis) watch.Observed {
	return watch.Observed{MessageID: id, Channel: channel, Author: author, Text: text, Time: at, Analysis: a}
}

// observer is the ingest observer that queues newly stored messages, oldest first.
func (s *storms) observer() ingest.Observer {
	return func(msgs []resonanz.IncomingMessage, results []resonanz.IngestResult) {
		var batch []watch.Observed
		for i, r := range results {
			if !r.Duplicate {
				m := &msgs[i]
				batch = append(batch, observed(r.MessageID, m.Channel, m.Author.Handle, m.Text, m.Time, m.Analysis))
			}
		}
		sort.SliceStable(batch, func(i, j int) bool { return batch[i].Time.Before(batch[j].Time) })
		if len(batch) == 0 {
			return
		}
		s.mu.Lock()
		if !s.warmed {
			s.early = append(s.early, batch)
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		s.queue <- batch
	}
}

func (s *storms) observe(batch []watch.Observed) {
	if err := s.monitor.Observe(context.Background(), batch); err != nil {
		s.logger.Error("storm monitor", "err", err)
	}
}

// stop lets the monitor finish what is queued, or ends a replay still
// running; call it after ingest has stopped.
func (s *storms) stop() {
	s.cancel()
	close(s.queue)
	<-s.done
}

// quietEvery is how often alerts are checked for quiet; the quiet period is hours.
const quietEvery = 10 * time.Minute

// startQuietCloser resolves the alerts that went quiet, at once and then
// every quietEvery, until ctx ends. It starts after the alert news, which
// listens to the live events for the alerts it closes.
func (m *Main) startQuietCloser(ctx context.Context) {
	quiet := m.Config.AlertQuiet
	if quiet <= 0 {
		quiet = 48 * time.Hour
	}
	q := &watch.QuietCloser{Alerts: m.DB, Events: m.Events, Quiet: quiet, Now: time.Now, Logger: m.Logger}
	m.quietDone = make(chan struct{})
	go func() {
		defer close(m.quietDone)
		// While the monitor replays the history, a storm's alert would look
		// quiet between its old messages and be closed mid-storm.
		select {
		case <-m.Warm():
		case <-ctx.Done():
			return
		}
		q.Run(ctx, quietEvery)
	}()
}
