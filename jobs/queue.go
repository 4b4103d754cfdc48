// Package jobs owns the durable job queue (River, in the store's database):
// its client and tables, the queues, the options of each job kind and the
// periodic schedule. The store queues jobs in its write transactions through
// Queue.InsertTx; the workers live with the package whose policy they run and
// are registered with Add before Start.
package jobs

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

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// Queue is the job queue of one store.
type Queue struct {
	client  *river.Client[*sql.Tx]
	workers *river.Workers
}

// New migrates River's tables in the database conn reaches (engine
// "sqlite" or "postgres": what store.DB.JobConn returns) and makes the
// client; jobs run once workers are added and Start is called. conn must be
// the store's write pool, so that jobs go into the store's transactions.
func New(ctx context.Context, conn *sql.DB, engine string) (*Queue, error) {
	var driver riverdriver.Driver[*sql.Tx] = riversqlite.New(conn)
	if engine == "postgres" {
		driver = riverdatabasesql.New(conn)
	}
	migrator, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("jobs: job tables: %w", err)
	}
	workers := river.NewWorkers()
	client, err := river.NewClient(driver, &river.Config{
		Queues:            queues,
		Workers:           workers,
		PeriodicJobs:      []*river.PeriodicJob{retentionSchedule()},
		FetchPollInterval: 500 * time.Millisecond,
		// A job whose node died while running it is run again by another
		// node after this long (River's default is an hour); every job
		// ends within River's default timeout of a minute.
		RescueStuckJobsAfter: 3 * time.Minute,
		// A process that only queues jobs (the command line) registers no
		// workers; the server that runs them does.
		SkipUnknownJobCheck: true,
		Logger:              slog.New(slog.DiscardHandler),
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Queue{client: client, workers: workers}, nil
}

// Add registers the worker of a job kind; call it before Start.
func Add[T river.JobArgs](q *Queue, w river.Worker[T]) { river.AddWorker(q.workers, w) }

// Start runs due jobs until ctx ends or Stop is called.
func (q *Queue) Start(ctx context.Context, logger *slog.Logger) error {
	if err := q.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	logger.Debug("jobs started")
	return nil
}

// Stop waits up to five seconds for the running jobs to end; a job cut
// short runs again later. Stop the queue before closing the store.
func (q *Queue) Stop() {
	stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	q.client.Stop(stop) // an error only says the queue never started
}

// InsertTx queues jobs in tx, the store's transaction of the change they
// belong to.
func (q *Queue) InsertTx(ctx context.Context, tx *sql.Tx, jobs ...resonanz.Job) error {
	params := make([]river.InsertManyParams, len(jobs))
	for i, j := range jobs {
		opts := insertOpts(j.Args)
		opts.ScheduledAt = j.At
		params[i] = river.InsertManyParams{Args: j.Args, InsertOpts: &opts}
	}
	_, err := q.client.InsertManyTx(ctx, tx, params)
	return err
}

// For makes the job queue of a store's database (New) and gives it to the
// store to queue its jobs in.
func For(ctx context.Context, db *store.DB) (*Queue, error) {
	conn, engine := db.JobConn()
	q, err := New(ctx, conn, engine)
	if err != nil {
		return nil, err
	}
	db.SetJobQueue(q)
	return q, nil
}
