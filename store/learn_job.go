package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// The analysis learns from corrections in a queue of its own, one run at a
// time, a few minutes after the first correction of a round: the corrections
// an agent makes while working through the inbox are learned together.
const (
	learnQueue        = "learn"
	defaultLearnDelay = 3 * time.Minute
)

// SetModelLearner gives the store what learns from corrections, and how long
// after a correction it runs (0: three minutes); set it before StartTimers.
func (db *DB) SetModelLearner(l resonanz.ModelLearner, delay time.Duration) {
	db.learner = l
	if delay > 0 {
		db.learnDelay = delay
	}
}

// learnJob runs the learner; one is waiting at most, the corrections that
// arrive meanwhile join it.
type learnJob struct{}

func (learnJob) Kind() string { return "model_learn" }

func (learnJob) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: learnQueue, UniqueOpts: river.UniqueOpts{ByQueue: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable, rivertype.JobStateRunning,
		rivertype.JobStateScheduled}}}
}

type learnWorker struct {
	river.WorkerDefaults[learnJob]
	db *DB
}

// Work learns, and comes back after the delay when corrections arrived
// while it ran: a unique job cannot be queued beside a running one.
func (w *learnWorker) Work(ctx context.Context, job *river.Job[learnJob]) error {
	if w.db.learner == nil {
		return river.JobSnooze(w.db.learnDelay)
	}
	through, err := w.db.learner.LearnModel(ctx)
	if err != nil {
		return err
	}
	last, err := w.db.LastCorrection(ctx)
	if err != nil {
		return err
	}
	if last > through {
		return river.JobSnooze(w.db.learnDelay)
	}
	return nil
}

func (w *learnWorker) Timeout(*river.Job[learnJob]) time.Duration { return 10 * time.Minute }

// reloadJob makes a reset recorded by another process (the command line)
// live in the server.
type reloadJob struct{}

func (reloadJob) Kind() string { return "model_reload" }

func (reloadJob) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: learnQueue} }

type reloadWorker struct {
	river.WorkerDefaults[reloadJob]
	db *DB
}

func (w *reloadWorker) Work(ctx context.Context, job *river.Job[reloadJob]) error {
	if w.db.learner == nil {
		return river.JobSnooze(w.db.learnDelay)
	}
	return w.db.learner.LoadModel(ctx)
}

// scheduleLearning queues the learner in the transaction of a correction.
func (db *DB) scheduleLearning(ctx context.Context, tx *sql.Tx) error {
	_, err := db.timers.client.InsertTx(ctx, tx, learnJob{}, &river.InsertOpts{ScheduledAt: db.Now().Add(db.learnDelay)})
	return err
}
