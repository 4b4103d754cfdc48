package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/resonanz/resonanz"
)

// alertEvent adds a step to an alert's timeline; by nil is resonanz itself.
func alertEvent(ctx context.Context, q execer, alertID int64, by *resonanz.User, kind string, params resonanz.Params, at int64) error {
	var user any
	if by != nil {
		user = by.ID
	}
	_, err := q.ExecContext(ctx, `INSERT INTO alert_events (alert_id, user_id, kind, params, detail, created_at) VALUES (?, ?, ?, ?, '', ?)`,
		alertID, user, kind, paramsText(params), at)
	return err
}

// burstParams are the figures of an alert's burst.
func burstParams(a *resonanz.Alert) resonanz.Params {
	return resonanz.Params{"count": strconv.Itoa(a.Count), "window": a.Window.String(), "ratio": strconv.FormatFloat(a.Ratio, 'f', 1, 64),
		"authors": strconv.Itoa(a.Authors), "channels": strconv.Itoa(a.Channels), "severity": strconv.Itoa(a.Severity)}
}

// AlertEvents returns the alert's timeline, oldest first.
func (db *DB) AlertEvents(ctx context.Context, id int64) ([]*resonanz.AlertEvent, error) {
	var list []*resonanz.AlertEvent
	err := db.eachRow(ctx, `SELECT e.kind, e.params, e.detail, coalesce(u.name, ''), e.created_at FROM alert_events e
		LEFT JOIN users u ON u.id = e.user_id WHERE e.alert_id = ? ORDER BY e.id`, func(rows *sql.Rows) error {
		var e resonanz.AlertEvent
		var at int64
		if err := rows.Scan(&e.Kind, (*paramsColumn)(&e.Params), &e.Detail, &e.UserName, &at); err != nil {
			return err
		}
		e.At = fromMillis(at)
		list = append(list, &e)
		return nil
	}, id)
	return list, err
}
