package store

import (
	"context"
	"database/sql"

	"github.com/resonanz/resonanz"
)

// QueueWeeklySummary queues the summary of the week starting on the local
// date week, as news for the alert webhooks and the alert email, unless that
// week's summary was queued before; both in one transaction, so that a week
// goes out once and its deliveries survive a restart and are retried.
func (db *DB) QueueWeeklySummary(ctx context.Context, week string, n *resonanz.AlertNews) (queued bool, err error) {
	err = db.inTx(ctx, "queue weekly summary", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO report_summaries (week, queued_at) VALUES (?, ?) ON CONFLICT (week) DO NOTHING`,
			week, millis(db.Now()))
		if err != nil {
			return err
		}
		if rows, _ := res.RowsAffected(); rows == 0 {
			return nil
		}
		queued = true
		return db.queueNews(ctx, tx, n)
	})
	return queued, err
}
