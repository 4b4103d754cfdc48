package learn

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
)

// defaultDelay: a few minutes after the first correction of a round, so
// that the corrections an agent makes while working through the inbox are
// learned together.
const defaultDelay = 3 * time.Minute

// Corrections tells the newest label correction's id (the store).
type Corrections interface {
	LastCorrection(ctx context.Context) (int64, error)
}

// LearnWorker runs the learner the store queues after a correction.
type LearnWorker struct {
	river.WorkerDefaults[resonanz.LearnJob]
	Store Corrections
	// Learner learns; nil: the job waits.
	Learner resonanz.ModelLearner
	// Delay is how long the job waits to come back; 0: three minutes.
	Delay time.Duration
}

// Work learns, and comes back after the delay when corrections arrived
// while it ran: a unique job cannot be queued beside a running one.
func (w *LearnWorker) Work(ctx context.Context, job *river.Job[resonanz.LearnJob]) error {
	if w.Learner == nil {
		return river.JobSnooze(delay(w.Delay))
	}
	through, err := w.Learner.LearnModel(ctx)
	if err != nil {
		return err
	}
	last, err := w.Store.LastCorrection(ctx)
	if err != nil {
		return err
	}
	if last > through {
		return river.JobSnooze(delay(w.Delay))
	}
	return nil
}

func (w *LearnWorker) Timeout(*river.Job[resonanz.LearnJob]) time.Duration { return 10 * time.Minute }

// ReloadWorker makes a reset recorded by another process (the command
// line) live in the server.
type ReloadWorker struct {
	river.WorkerDefaults[resonanz.ReloadJob]
	// Learner loads; nil: the job waits.
	Learner resonanz.ModelLearner
	Delay   time.Duration // how long it waits for a learner; 0: three minutes
}

func (w *ReloadWorker) Work(ctx context.Context, job *river.Job[resonanz.ReloadJob]) error {
	if w.Learner == nil {
		return river.JobSnooze(delay(w.Delay))
	}
	return w.Learner.LoadModel(ctx)
}

func delay(d time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return defaultDelay
}
