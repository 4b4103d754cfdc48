package store

import (
	"context"
	"database/sql"
	"time"
)

// checkpointEvery is how often the pages that commits appended to SQLite's
// write-ahead log are copied into the database file.
const checkpointEvery = time.Second

// checkpointer copies committed pages from SQLite's write-ahead log into the
// database file beside the writer, on a reading connection. Left to
// SQLite's automatic checkpoint, which runs in the commit that fills the
// log, the copying and its fsync took a sixth of a bulk import's time while
// holding the only write lock. The automatic checkpoint stays: it then
// finds the log copied and lets it start over, so the log does not grow.
type checkpointer struct {
	stop context.CancelFunc
	done chan struct{}
}

func startCheckpoints(db *sql.DB) *checkpointer {
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointer{stop: stop, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		tick := time.NewTicker(checkpointEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			// A passive checkpoint never waits for the writer or readers; one
			// that fails leaves its pages to the next, or to the automatic one.
			db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}()
	return c
}

// Close stops the checkpoints, after the one running, if any.
func (c *checkpointer) Close() {
	c.stop()
	<-c.done
}
