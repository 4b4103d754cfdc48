package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/resonanz/resonanz"
)

// Notify records a notification for a user.
func (db *DB) Notify(ctx context.Context, n *resonanz.Notification) error {
	if n.CreatedAt.IsZero() {
		n.CreatedAt = db.Now()
	}
	return notify(ctx, db.write, n)
}

// execer runs statements: the write pool or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// notify records a notification through q.
func notify(ctx context.Context, q execer, n *resonanz.Notification) error {
	var conv any
	if n.ConversationID != 0 {
		conv = n.ConversationID
	}
	if err := q.QueryRowContext(ctx, `INSERT INTO notifications (user_id, kind, params, text, conversation_id, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		n.UserID, n.Kind, paramsText(n.Params), n.Text, conv, millis(n.CreatedAt)).Scan(&n.ID); err != nil {
		return fmt.Errorf("store: notify: %w", err)
	}
	return nil
}

// FindNotifications returns a user's notifications, newest first.
func (db *DB) FindNotifications(ctx context.Context, userID int64, limit int) ([]*resonanz.Notification, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, user_id, kind, params, text, coalesce(conversation_id, 0), created_at, coalesce(read_at, 0)
		FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: find notifications: %w", err)
	}
	defer rows.Close()
	var list []*resonanz.Notification
	for rows.Next() {
		var n resonanz.Notification
		var created, read int64
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, (*paramsColumn)(&n.Params), &n.Text, &n.ConversationID, &created, &read); err != nil {
			return nil, fmt.Errorf("store: find notifications: %w", err)
		}
		n.CreatedAt = fromMillis(created)
		if read != 0 {
			n.ReadAt = fromMillis(read)
		}
		list = append(list, &n)
	}
	return list, rows.Err()
}

// CountUnread returns how many notifications a user has not read.
func (db *DB) CountUnread(ctx context.Context, userID int64) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count notifications: %w", err)
	}
	return n, nil
}

// MarkNotificationsRead marks all of a user's notifications read.
func (db *DB) MarkNotificationsRead(ctx context.Context, userID int64) error {
	_, err := db.write.ExecContext(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, millis(db.Now()), userID)
	if err != nil {
		return fmt.Errorf("store: mark notifications read: %w", err)
	}
	return nil
}
