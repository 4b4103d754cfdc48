package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// timers are durable jobs (River, in the same database): an SLA warning or
// breach is scheduled in the transaction that moves a conversation's clock, so
// it survives a restart; a timer missed while resonanz was down fires late.
type timers struct {
	client *river.Client[*sql.Tx]
	logger *slog.Logger // set by StartTimers
}

// slaTimer fires when a conversation's goal is about to be missed (Warn) or missed.
type slaTimer struct {
	ConversationID int64 `json:"conversation_id"`
	Due            int64 `json:"due"` // the due time it was set for; a clock that moved since makes it stale
	Warn           bool  `json:"warn"`
}

func (slaTimer) Kind() string { return "sla_timer" }

type slaWorker struct {
	river.WorkerDefaults[slaTimer]
	db *DB
}

func (w *slaWorker) Work(ctx context.Context, job *river.Job[slaTimer]) error {
	return w.db.fireSLA(ctx, job.Args)
}

// newTimers migrates River's tables and makes its client; jobs run once StartTimers is called.
func newTimers(ctx context.Context, db *DB) (*timers, error) {
	var driver riverdriver.Driver[*sql.Tx] = riversqlite.New(db.write)
	if db.engine == postgresEngine {
		driver = riverdatabasesql.New(db.write)
	}
	migrator, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, err
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("job tables: %w", err)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &slaWorker{db: db})
	river.AddWorker(workers, &webhookWorker{db: db})
	river.AddWorker(workers, &mailWorker{db: db})
	river.AddWorker(workers, &outboxWorker{db: db})
	river.AddWorker(workers, &eventWorker{db: db})
	river.AddWorker(workers, &retentionWorker{db: db})
	river.AddWorker(workers, &learnWorker{db: db})
	river.AddWorker(workers, &reloadWorker{db: db})
	river.AddWorker(workers, &surveyWorker{db: db})
	client, err := river.NewClient(driver, &river.Config{
		Queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 2}, deliveryQueue: {MaxWorkers: 1},
			outboxQueue: {MaxWorkers: 1}, learnQueue: {MaxWorkers: 1}},
		Workers:           workers,
		PeriodicJobs:      []*river.PeriodicJob{retentionSchedule()},
		FetchPollInterval: 500 * time.Millisecond,
		// A job whose node died while running it is run again by another
		// node after this long (River's default is an hour); every job
		// ends within River's default timeout of a minute.
		RescueStuckJobsAfter: 3 * time.Minute,
		Logger:               slog.New(slog.DiscardHandler),
	})
	if err != nil {
		return nil, err
	}
	return &timers{client: client, logger: slog.New(slog.DiscardHandler)}, nil
}

// StartTimers runs due timers and deliveries until ctx ends or Close is
// called. Set the delivery hooks before.
func (db *DB) StartTimers(ctx context.Context, logger *slog.Logger) error {
	db.timers.logger = logger
	if err := db.timers.client.Start(ctx); err != nil {
		return fmt.Errorf("store: start timers: %w", err)
	}
	logger.Debug("timers started")
	return nil
}

// slaJobs are the warnings and breaches of a conversation's new due time;
// a clock that is overdue already (a message that arrived late) gets no
// warning, only its breach, at once.
func slaJobs(conversationID int64, due, warnAt, now time.Time) []river.InsertManyParams {
	jobs := []river.InsertManyParams{{Args: slaTimer{ConversationID: conversationID, Due: millis(due)},
		InsertOpts: &river.InsertOpts{ScheduledAt: due}}}
	if !warnAt.IsZero() && warnAt.Before(due) && due.After(now) {
		jobs = append(jobs, river.InsertManyParams{Args: slaTimer{ConversationID: conversationID, Due: millis(due), Warn: true},
			InsertOpts: &river.InsertOpts{ScheduledAt: warnAt}})
	}
	return jobs
}

// schedule inserts timers in the transaction of the change they belong to.
func (db *DB) schedule(ctx context.Context, tx *sql.Tx, jobs []river.InsertManyParams) error {
	if len(jobs) == 0 {
		return nil
	}
	_, err := db.timers.client.InsertManyTx(ctx, tx, jobs)
	return err
}
