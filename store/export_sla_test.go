package store

import (
	"context"
	"time"
)

// FireSLA fires the timer of conversation id's goal set for due, the
// warning when warn, as the job queue would.
func (db *DB) FireSLA(ctx context.Context, id int64, due time.Time, warn bool) error {
	return db.fireSLA(ctx, slaTimer{ConversationID: id, Due: millis(due), Warn: warn})
}

// ScheduledJobs counts the queued jobs of kind.
func ScheduledJobs(ctx context.Context, db *DB, kind string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE kind = ?`, kind).Scan(&n)
	return n, err
}
