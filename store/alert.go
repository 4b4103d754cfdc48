package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
)

// alertColumns are an alert's columns, with roomCount or 0 for the
// messages in its crisis room.
const alertColumns = `a.id, a.key, a.status, a.severity, a.count, a.window_seconds, a.expected, a.ratio, a.growth,
	a.channels, a.authors, a.top_terms, a.urgent, a.first_seen, a.last_seen, coalesce(u.name, ''),
	coalesce(a.acknowledged_at, 0), coalesce(a.resolved_at, 0), %s,
	a.statement, a.statement_url, coalesce(su.name, ''), a.statement_at, a.statement_public
	FROM alerts a LEFT JOIN users u ON u.id = a.acknowledged_by LEFT JOIN users su ON su.id = a.statement_by`

// roomCount counts the messages in an alert's crisis room: every judged
// message of the storm, through the view that applies the manager's
// choices, so it costs the room's size.
const roomCount = `(SELECT count(*) FROM room_messages rm WHERE rm.alert_id = a.id AND rm.in_room = 1)`

var (
	alertWithRoom = fmt.Sprintf(alertColumns, roomCount)
	alertAlone    = fmt.Sprintf(alertColumns, "0")
)

func scanAlert(row interface{ Scan(...any) error }) (*resonanz.Alert, error) {
	var a resonanz.Alert
	var window, first, last, acked, resolved int64
	var terms string
	if err := row.Scan(&a.ID, &a.Key, &a.Status, &a.Severity, &a.Count, &window, &a.Expected, &a.Ratio, &a.Growth,
		&a.Channels, &a.Authors, &terms, &a.Urgent, &first, &last, &a.AcknowledgedBy, &acked, &resolved, &a.Messages,
		&a.Statement.Text, &a.Statement.URL, &a.Statement.ChangedBy, (*timeColumn)(&a.Statement.ChangedAt), &a.Statement.Public); err != nil {
		return nil, err
	}
	a.Window, a.TopTerms = time.Duration(window)*time.Second, splitList(terms)
	a.FirstSeen, a.LastSeen = fromMillis(first), fromMillis(last)
	if acked != 0 {
		a.AcknowledgedAt = fromMillis(acked)
	}
	if resolved != 0 {
		a.ResolvedAt = fromMillis(resolved)
	}
	return &a, nil
}

// SaveAlert creates an alert, or updates the figures of an existing one; its
// timeline records the raise and every rise in severity.
func (db *DB) SaveAlert(ctx context.Context, a *resonanz.Alert) error {
	args := []any{a.Severity, a.Count, int64(a.Window / time.Second), a.Expected, a.Ratio, a.Growth, a.Channels, a.Authors,
		joinList(a.TopTerms), a.Urgent, millis(a.LastSeen)}
	return db.inTx(ctx, "save alert", func(tx *sql.Tx) error {
		if a.ID == 0 {
			a.Status = resonanz.AlertOpen
			if err := tx.QueryRowContext(ctx, `INSERT INTO alerts (severity, count, window_seconds, expected, ratio, growth, channels,
				authors, top_terms, urgent, last_seen, key, status, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				append(args, a.Key, a.Status, millis(a.FirstSeen))...).Scan(&a.ID); err != nil {
				return err
			}
			return alertEvent(ctx, tx, a.ID, nil, resonanz.AlertRaised, burstParams(a), millis(a.LastSeen))
		}
		var before int
		if err := tx.QueryRowContext(ctx, `SELECT severity FROM alerts WHERE id = ?`, a.ID).Scan(&before); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE alerts SET severity = ?, count = ?, window_seconds = ?, expected = ?, ratio = ?,
			growth = ?, channels = ?, authors = ?, top_terms = ?, urgent = ?, last_seen = ? WHERE id = ?`, append(args, a.ID)...); err != nil {
			return err
		}
		if a.Severity <= before {
			return nil
		}
		return alertEvent(ctx, tx, a.ID, nil, resonanz.AlertEscalated, burstParams(a), millis(a.LastSeen))
	})
}

// LinkAlertMessages adds messages to an alert; a message already linked stays once.
func (db *DB) LinkAlertMessages(ctx context.Context, alertID int64, messageIDs []int64) error {
	if len(messageIDs) == 0 {
		return nil
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: link alert messages: %w", err)
	}
	defer tx.Rollback()
	for _, id := range messageIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO alert_messages (alert_id, message_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
			alertID, id); err != nil {
			return fmt.Errorf("store: link alert messages: %w", err)
		}
	}
	return tx.Commit()
}

// FindAlerts lists alerts, newest first; resolved ones only when asked.
// Their rooms are not counted (Messages is 0): every page's alert bar lists
// the open alerts, and counting 90 rooms of a bench database took 200 ms.
func (db *DB) FindAlerts(ctx context.Context, includeResolved bool) ([]*resonanz.Alert, error) {
	q := `SELECT ` + alertAlone
	if !includeResolved {
		q += ` WHERE a.status <> 'resolved'`
	}
	rows, err := db.read.QueryContext(ctx, q+` ORDER BY a.id DESC LIMIT 200`)
	if err != nil {
		return nil, fmt.Errorf("store: find alerts: %w", err)
	}
	defer rows.Close()
	var alerts []*resonanz.Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, fmt.Errorf("store: find alerts: %w", err)
		}
		alerts = append(alerts, a)
	}
	return alerts, rows.Err()
}

// FindAlertByID returns one alert, or ENOTFOUND.
func (db *DB) FindAlertByID(ctx context.Context, id int64) (*resonanz.Alert, error) {
	return findAlertByID(ctx, db.read, alertWithRoom, id)
}

// FindAlertFigures returns an alert as FindAlertByID does, without counting
// its room (Messages is 0): the storm monitor reads it with every message
// of a storm.
func (db *DB) FindAlertFigures(ctx context.Context, id int64) (*resonanz.Alert, error) {
	return findAlertByID(ctx, db.read, alertAlone, id)
}

func findAlertByID(ctx context.Context, q queryer, columns string, id int64) (*resonanz.Alert, error) {
	a, err := scanAlert(q.QueryRowContext(ctx, `SELECT `+columns+` WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Alert %d not found.", id).Keyed("alert.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: find alert: %w", err)
	}
	return a, nil
}

// SetAlertStatus acknowledges or resolves an alert.
func (db *DB) SetAlertStatus(ctx context.Context, id int64, by *resonanz.User, status string) error {
	var q string
	switch status {
	case resonanz.AlertAcknowledged:
		q = `UPDATE alerts SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND status = 'open'`
	case resonanz.AlertResolved:
		q = `UPDATE alerts SET status = 'resolved', acknowledged_by = coalesce(acknowledged_by, ?),
			resolved_at = ? WHERE id = ? AND status <> 'resolved'`
	default:
		return resonanz.FieldError("status", "An alert can be acknowledged or resolved, not %q.", status)
	}
	now := millis(db.Now())
	return db.inTx(ctx, "set alert status", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, by.ID, now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := findAlertByID(ctx, tx, alertAlone, id); err != nil {
				return err
			}
			return resonanz.Errorf(resonanz.ECONFLICT, "The alert is already %s.", status)
		}
		return alertEvent(ctx, tx, id, by, status, nil, now)
	})
}
