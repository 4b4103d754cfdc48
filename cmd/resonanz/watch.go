package main

import (
	"context"
	"time"

	"github.com/resonanz/resonanz/watch"
)

// startStorms starts the storm monitor beside ingest; raise (a database just
// filled with demo data) makes the stored history raise alerts.
func (m *Main) startStorms(ctx context.Context, raise bool) error {
	monitor, err := watch.NewMonitor(watch.DefaultConfig(), m.DB, m.Events)
	if err != nil {
		return err
	}
	if m.history == nil {
		m.history = m.DB
	}
	m.storms, err = watch.StartRunner(ctx, monitor, m.history, m.Logger, raise)
	return err
}

// quietEvery is how often alerts are checked for quiet; the quiet period is hours.
const quietEvery = 10 * time.Minute

// startQuietCloser resolves the alerts that went quiet, once the monitor is
// warm and then every quietEvery, until ctx ends. It starts after the alert
// news, which listens to the live events for the alerts it closes.
func (m *Main) startQuietCloser(ctx context.Context) {
	quiet := m.Config.AlertQuiet
	if quiet <= 0 {
		quiet = 48 * time.Hour
	}
	q := &watch.QuietCloser{Alerts: m.DB, Events: m.Events, Quiet: quiet, Now: time.Now, Logger: m.Logger, Warm: m.Warm()}
	m.quietDone = make(chan struct{})
	go func() {
		defer close(m.quietDone)
		q.Run(ctx, quietEvery)
	}()
}
