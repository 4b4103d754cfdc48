package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/resonanz/resonanz"
)

// AlertTold returns what the receivers last heard of an alert.
func (db *DB) AlertTold(ctx context.Context, alertID int64) (resonanz.AlertTold, bool, error) {
	var t resonanz.AlertTold
	err := db.read.QueryRowContext(ctx, `SELECT severity, status FROM alert_news WHERE alert_id = ?`, alertID).Scan(&t.Severity, &t.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return t, false, nil
	} else if err != nil {
		return t, false, fmt.Errorf("store: alert told: %w", err)
	}
	return t, true, nil
}

// EnqueueAlertNews records the news as told and queues its deliveries in the
// same transaction: the news is either told and queued, or neither.
func (db *DB) EnqueueAlertNews(ctx context.Context, n *resonanz.AlertNews) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin alert news: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO alert_news (alert_id, severity, status) VALUES (?, ?, ?)
		ON CONFLICT (alert_id) DO UPDATE SET severity = excluded.severity, status = excluded.status`,
		n.AlertID, n.Told.Severity, n.Told.Status); err != nil {
		return fmt.Errorf("store: alert news: %w", err)
	}
	if err := db.queueNews(ctx, tx, n); err != nil {
		return fmt.Errorf("store: queue alert news: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit alert news: %w", err)
	}
	return nil
}

// EnqueueNews queues deliveries of news that is not about an alert (a
// channel account failing): nothing is remembered as told.
func (db *DB) EnqueueNews(ctx context.Context, n *resonanz.AlertNews) error {
	return db.inTx(ctx, "queue news", func(tx *sql.Tx) error { return db.queueNews(ctx, tx, n) })
}

// queueNews inserts one webhook delivery per URL and the email, in tx.
func (db *DB) queueNews(ctx context.Context, tx *sql.Tx, n *resonanz.AlertNews) error {
	var jobs []resonanz.Job
	for _, u := range n.URLs {
		jobs = append(jobs, resonanz.Job{Args: resonanz.WebhookJob{URL: u, Event: n.Event, AlertID: n.AlertID, Payload: n.Payload}})
	}
	if m := n.Mail; m != nil {
		jobs = append(jobs, resonanz.Job{Args: resonanz.AlertMailJob{To: m.To, Subject: m.Subject, Body: m.Body, AlertID: n.AlertID, Event: n.Event}})
	}
	return db.queue(ctx, tx, jobs...)
}
