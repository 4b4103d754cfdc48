package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/resonanz/resonanz"
)

// alertEvent adds a step to an alert's timeline; by nil is resonanz itself.
func alertEvent(ctx context.Context, q execer, alertID int64, by *resonanz.User, kind, detail string, at int64) error {
	var user any
	if by != nil {
		user = by.ID
	}
	_, err := q.ExecContext(ctx, `INSERT INTO alert_events (alert_id, user_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?)`,
		alertID, user, kind, detail, at)
	return err
}

// burstSummary says in a few words how big an alert's burst is.
func burstSummary(a *resonanz.Alert) string {
	return fmt.Sprintf("%d negative messages in %s, %.1f× the usual, %d people on %d channels, severity %d/6",
		a.Count, a.Window, a.Ratio, a.Authors, a.Channels, a.Severity)
}

// AlertEvents returns the alert's timeline, oldest first.
func (db *DB) AlertEvents(ctx context.Context, id int64) ([]*resonanz.AlertEvent, error) {
	var list []*resonanz.AlertEvent
	err := db.eachRow(ctx, `SELECT e.kind, e.detail, coalesce(u.name, ''), e.created_at FROM alert_events e
		LEFT JOIN users u ON u.id = e.user_id WHERE e.alert_id = ? ORDER BY e.id`, func(rows *sql.Rows) error {
		var e resonanz.AlertEvent
		var at int64
		if err := rows.Scan(&e.Kind, &e.Detail, &e.UserName, &at); err != nil {
			return err
		}
		e.At = fromMillis(at)
		list = append(list, &e)
		return nil
	}, id)
	return list, err
}
