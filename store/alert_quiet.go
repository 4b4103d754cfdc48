package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/resonanz/resonanz"
)

// CloseQuietAlerts resolves the open alerts whose latest message, or latest
// measurement where no message is linked, came before lastBefore; each
// alert's timeline records that it closed for quiet.
func (db *DB) CloseQuietAlerts(ctx context.Context, lastBefore time.Time) ([]int64, error) {
	var ids []int64
	now := millis(db.Now())
	err := db.inTx(ctx, "close quiet alerts", func(tx *sql.Tx) error {
		var err error
		ids, err = collect(ctx, tx, `SELECT a.id FROM alerts a WHERE a.status <> ? AND `+db.engine.greatest("a.last_seen", `coalesce(
				(SELECT max(m.sent_at) FROM alert_messages am JOIN messages m ON m.id = am.message_id WHERE am.alert_id = a.id), 0)`)+` < ?
			ORDER BY a.id`, []any{resonanz.AlertResolved, millis(lastBefore)},
			func(row interface{ Scan(...any) error }) (id int64, err error) {
				err = row.Scan(&id)
				return id, err
			})
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE alerts SET status = ?, resolved_at = ? WHERE id = ?`, resonanz.AlertResolved, now, id); err != nil {
				return err
			}
			if err := alertEvent(ctx, tx, id, nil, resonanz.AlertQuiet, nil, now); err != nil {
				return err
			}
		}
		return nil
	})
	return ids, err
}
