package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store/storetest"
)

// TestInsertTxIsTransactional: a job exists if and only if the transaction
// that queued it committed, in the queue and with the attempts of its kind.
func TestInsertTxIsTransactional(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
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
