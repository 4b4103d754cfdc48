package store

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/route"
)

// FireSLATimer fires the timer of conversation id's goal set for due, the
// warning when warn, as the SLA worker would.
func FireSLATimer(ctx context.Context, db *DB, id int64, due time.Time, warn bool) error {
	return db.FireSLA(ctx, resonanz.SLATimerJob{ConversationID: id, Due: millis(due), Warn: warn}, route.DecideSLA)
}

// ScheduledJobs counts the queued jobs of kind.
func ScheduledJobs(ctx context.Context, db *DB, kind string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE kind = ?`, kind).Scan(&n)
	return n, err
}
