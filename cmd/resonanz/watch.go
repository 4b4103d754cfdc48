package main

import (
	"context"
	"time"

	"github.com/resonanz/resonanz/watch"
)

// followPause is how often the storm monitor of a cluster reads what the
// nodes stored.
const followPause = time.Second

// startStorms starts the storm monitor: beside ingest on a node alone,
// following the store on the node that leads a cluster. raise (a database
// just filled with demo data) makes the stored history raise alerts.
func (m *Main) startStorms(ctx context.Context, raise bool) (*watch.Runner, error) {
	monitor, err := watch.NewMonitor(watch.DefaultConfig(), m.DB, m.Events)
	if err != nil {
		return nil, err
	}
	if m.clustered() {
		return watch.StartFollower(ctx, monitor, m.DB, m.Logger, followPause, raise)
	}
	if m.history == nil {
		m.history = m.DB
	}
	return watch.StartRunner(ctx, monitor, m.history, m.Logger, raise)
}

// quietEvery is how often alerts are checked for quiet; the quiet period is hours.
const quietEvery = 10 * time.Minute

// quietLoop resolves the alerts that went quiet, once the monitor is warm
// and then every quietEvery, until its ctx ends. It starts after the alert
// news, which listens to the live events for the alerts it closes.
func (m *Main) quietLoop(warm <-chan struct{}) func(context.Context) {
	quiet := m.Config.AlertQuiet
	if quiet <= 0 {
		quiet = 48 * time.Hour
	}
	q := &watch.QuietCloser{Alerts: m.DB, Events: m.Events, Quiet: quiet, Now: time.Now, Logger: m.Logger, Warm: warm}
	return func(ctx context.Context) { q.Run(ctx, quietEvery) }
}
