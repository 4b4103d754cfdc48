package watch

import (
	"context"
	"log/slog"
	"time"

	"github.com/resonanz/resonanz"
)

// QuietCloser resolves alerts whose storm has gone quiet: no new message for
// the quiet period. A storm that ended at night needs nobody to close it,
// and an alert three weeks old stops warning on every page.
type QuietCloser struct {
	Alerts resonanz.AlertService
	Events resonanz.EventService
	Quiet  time.Duration
	// Now returns the current time; tests replace it.
	Now    func() time.Time
	Logger *slog.Logger
	// Warm is closed once the monitor knows the stored history; nil: it does
	// already. While the monitor replays the history, a storm's alert would
	// look quiet between its old messages and be closed mid-storm.
	Warm <-chan struct{}
}

// Close resolves the quiet alerts and announces each as a live event.
func (q *QuietCloser) Close(ctx context.Context) ([]int64, error) {
	ids, err := q.Alerts.CloseQuietAlerts(ctx, q.Now().Add(-q.Quiet))
	for _, id := range ids {
		q.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: id})
	}
	return ids, err
}

// Run closes quiet alerts once the monitor is warm and then every interval
// until ctx ends.
func (q *QuietCloser) Run(ctx context.Context, every time.Duration) {
	if q.Warm != nil {
		select {
		case <-q.Warm:
		case <-ctx.Done():
			return
		}
	}
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		if ids, err := q.Close(ctx); err != nil && ctx.Err() == nil {
			q.Logger.Error("close quiet alerts", "err", err)
		} else if len(ids) > 0 {
			q.Logger.Info("closed quiet alerts", "alerts", ids, "quiet", q.Quiet)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}
