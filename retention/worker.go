package retention

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// Worker runs the hourly retention job on the store's clock, which the
// demo and tests set.
type Worker struct {
	river.WorkerDefaults[resonanz.RetentionJob]
	Store *store.DB
}

func (w *Worker) Work(ctx context.Context, _ *river.Job[resonanz.RetentionJob]) error {
	_, err := Apply(ctx, w.Store, w.Store.Now())
	return err
}
