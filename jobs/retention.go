package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
)

// Retainer deletes the conversations whose channel's retention period has
// passed (the store, by resonanz.RetentionPolicy.Cutoff).
type Retainer interface {
	ApplyRetention(ctx context.Context) (int, error)
}

// RetentionWorker runs the hourly retention job.
type RetentionWorker struct {
	river.WorkerDefaults[resonanz.RetentionJob]
	Store Retainer
}

func (w *RetentionWorker) Work(ctx context.Context, _ *river.Job[resonanz.RetentionJob]) error {
	_, err := w.Store.ApplyRetention(ctx)
	return err
}
