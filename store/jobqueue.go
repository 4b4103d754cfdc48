package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/resonanz/resonanz"
)

// JobQueue queues durable jobs in a write transaction of the store, so that
// a job exists if and only if the change it belongs to committed. The job
// queue keeps its tables in the same database (see JobConn).
type JobQueue interface {
	InsertTx(ctx context.Context, tx *sql.Tx, jobs ...resonanz.Job) error
}

// SetJobQueue gives the store the queue its changes queue jobs in; set it
// before the first write that queues one.
func (db *DB) SetJobQueue(q JobQueue) { db.jobs = q }

// JobConn returns the connection pool writes go through and the engine's
// name ("sqlite" or "postgres"), for the job queue to keep its tables and
// take its jobs in the same database; nothing else writes through it.
func (db *DB) JobConn() (*sql.DB, string) { return db.write, string(db.engine) }

// queue inserts jobs in the transaction of the change they belong to.
func (db *DB) queue(ctx context.Context, tx *sql.Tx, jobs ...resonanz.Job) error {
	if len(jobs) == 0 {
		return nil
	}
	if db.jobs == nil {
		return errNoJobQueue
	}
	return db.jobs.InsertTx(ctx, tx, jobs...)
}

// errNoJobQueue: a change that queues a job was asked of a store given no
// queue; it is not made, as its job could never run.
var errNoJobQueue = errors.New("store: no job queue is set")

// slaJobs are the warnings and breaches of a conversation's new due time;
// a clock that is overdue already (a message that arrived late) gets no
// warning, only its breach, at once.
func slaJobs(conversationID int64, due, warnAt, now time.Time) []resonanz.Job {
	jobs := []resonanz.Job{{Args: resonanz.SLATimerJob{ConversationID: conversationID, Due: millis(due)}, At: due}}
	if !warnAt.IsZero() && warnAt.Before(due) && due.After(now) {
		jobs = append(jobs, resonanz.Job{Args: resonanz.SLATimerJob{ConversationID: conversationID, Due: millis(due), Warn: true}, At: warnAt})
	}
	return jobs
}
