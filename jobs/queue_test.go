package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

// onEngines runs fn on SQLite and, where the tests have one, on PostgreSQL.
func onEngines(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, storetest.Open(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.OpenPostgres(t)) })
}

// TestInsertTxIsTransactional: a job exists if and only if the transaction
// that queued it committed, in the queue and with the attempts of its kind.
func TestInsertTxIsTransactional(t *testing.T) { onEngines(t, insertTxIsTransactional) }

func insertTxIsTransactional(t *testing.T, db *store.DB) {
	ctx := context.Background()
	q := storetest.Queue(t, db)
	conn, _ := db.JobConn()
	at := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	for _, commit := range []bool{false, true} {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := q.InsertTx(ctx, tx, resonanz.Job{Args: resonanz.OutboxJob{OutboxID: 7}, At: at}); err != nil {
			t.Fatal(err)
		}
		if commit {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	var n, attempts int
	var queue string
	if err := conn.QueryRowContext(ctx, `SELECT count(*), max(queue), max(max_attempts) FROM river_job WHERE kind = 'outbox_delivery'`).
		Scan(&n, &queue, &attempts); err != nil {
		t.Fatal(err)
	}
	if n != 1 || queue != "outbox" || attempts != 12 {
		t.Fatalf("%d jobs in queue %q with %d attempts, want the committed one in outbox with 12", n, queue, attempts)
	}
}

// TestOneLearnerWaits: corrections that arrive while the learner waits join
// it instead of queueing another.
func TestOneLearnerWaits(t *testing.T) { onEngines(t, oneLearnerWaits) }

func oneLearnerWaits(t *testing.T, db *store.DB) {
	ctx := context.Background()
	q := storetest.Queue(t, db)
	conn, _ := db.JobConn()
	for range 3 {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := q.InsertTx(ctx, tx, resonanz.Job{Args: resonanz.LearnJob{}, At: time.Now().Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE kind = 'model_learn'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("%d learners wait, want 1", n)
	}
}
