package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/resonanz/resonanz"
)

// DismissAlerts hides alerts from a user's alert bar at the severities the
// user saw. Dismissing again never lowers the severity kept; unknown alerts
// are passed over.
func (db *DB) DismissAlerts(ctx context.Context, userID int64, seen map[int64]int) error {
	now := millis(db.Now())
	return db.inTx(ctx, "dismiss alerts", func(tx *sql.Tx) error {
		for id, severity := range seen {
			if _, err := tx.ExecContext(ctx, `INSERT INTO alert_dismissals AS d (user_id, alert_id, severity, dismissed_at)
				SELECT ?, id, ?, ? FROM alerts WHERE id = ?
				ON CONFLICT (user_id, alert_id) DO UPDATE SET severity = `+db.engine.greatest("d.severity", "excluded.severity")+`,
					dismissed_at = excluded.dismissed_at`,
				userID, severity, now, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// DismissedAlerts returns, for each open alert the user dismissed, the severity dismissed.
func (db *DB) DismissedAlerts(ctx context.Context, userID int64) (map[int64]int, error) {
	type dismissal struct {
		id       int64
		severity int
	}
	list, err := collect(ctx, db.read, `SELECT d.alert_id, d.severity FROM alert_dismissals d JOIN alerts a ON a.id = d.alert_id
		WHERE d.user_id = ? AND a.status <> ?`, []any{userID, resonanz.AlertResolved},
		func(row interface{ Scan(...any) error }) (d dismissal, err error) {
			err = row.Scan(&d.id, &d.severity)
			return d, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: dismissed alerts: %w", err)
	}
	dismissed := make(map[int64]int, len(list))
	for _, d := range list {
		dismissed[d.id] = d.severity
	}
	return dismissed, nil
}
