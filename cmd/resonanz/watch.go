package main

import (
	"context"
	"log/slog"
	"sort"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/ingest"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/watch"
)

// history is how much of the past a restarted monitor replays: the
// detector's baseline looks back three weeks.
const history = 22 * 24 * time.Hour

// storms runs the storm monitor beside ingest: committed messages are handed
// to it through a queue, so that the writer never waits for it.
type storms struct {
	monitor *watch.Monitor
	queue   chan []watch.Observed
	done    chan struct{}
	logger  *slog.Logger
}

// startStorms builds the monitor from the stored history. With raise set
// (a database just filled with demo data) the history raises alerts as if
// it had arrived live; otherwise it only teaches the monitor what is usual.
func startStorms(ctx context.Context, db *store.DB, bus *events.Bus, logger *slog.Logger, raise bool) (*storms, error) {
	monitor, err := watch.NewMonitor(watch.DefaultConfig(), db, bus)
	if err != nil {
		return nil, err
	}
	var past []watch.Observed
	err = db.ReplayMessages(ctx, time.Now().Add(-history), func(m *resonanz.Message) error {
		past = append(past, observed(m.ID, m.Channel, m.AuthorHandle, m.Text, m.SentAt, m.Analysis))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if raise {
		err = monitor.Observe(ctx, past)
	} else {
		monitor.Replay(past)
		err = monitor.Resume(ctx)
	}
	if err != nil {
		return nil, err
	}
	s := &storms{monitor: monitor, queue: make(chan []watch.Observed, 256), done: make(chan struct{}), logger: logger}
	go s.run()
	return s, nil
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
		if len(batch) > 0 {
			s.queue <- batch
		}
	}
}

func (s *storms) run() {
	defer close(s.done)
	for batch := range s.queue {
		if err := s.monitor.Observe(context.Background(), batch); err != nil {
			s.logger.Error("storm monitor", "err", err)
		}
	}
}

// stop lets the monitor finish what is queued; call it after ingest has stopped.
func (s *storms) stop() {
	close(s.queue)
	<-s.done
}

// quietEvery is how often alerts are checked for quiet; the quiet period is hours.
const quietEvery = 10 * time.Minute

// startQuietCloser resolves the alerts that went quiet, at once and then
// every quietEvery, until ctx ends. It starts after the alert news, which
// listens on the bus for the alerts it closes.
func (m *Main) startQuietCloser(ctx context.Context) {
	quiet := m.Config.AlertQuiet
	if quiet <= 0 {
		quiet = 48 * time.Hour
	}
	q := &watch.QuietCloser{Alerts: m.DB, Bus: m.Bus, Quiet: quiet, Now: time.Now, Logger: m.Logger}
	m.quietDone = make(chan struct{})
	go func() {
		defer close(m.quietDone)
		q.Run(ctx, quietEvery)
	}()
}
