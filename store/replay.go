package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
)

// customerMessages selects messages as scanMessage reads them.
const customerMessages = `SELECT m.id, m.conversation_id, m.channel, coalesce(m.external_id, ''), m.direction,
		m.author_name, coalesce(i.handle, ''), coalesce(m.user_id, 0), m.text, m.visibility, m.sent_at, ` + labelColumns + `
	FROM messages m LEFT JOIN identities i ON i.id = m.identity_id `

// replayPage is how many messages ReplayComplaints reads at a time.
const replayPage = 2000

// ReplayComplaints calls fn for every negative customer message sent since
// since, in time order, so that a restarted process can rebuild what it
// learned from them (the usual level of complaints, for storm warnings).
// It reads page by page along the index of complaints by time: nothing is
// sorted, and no read stays open while fn works through a long history.
func (db *DB) ReplayComplaints(ctx context.Context, since time.Time, fn func(m *resonanz.Message) error) error {
	lastAt, lastID := millis(since), int64(0)
	for {
		page, err := collect(ctx, db.read, customerMessages+`WHERE m.direction = 'in' AND m.sentiment = 'negative'
			AND m.sent_at >= ? AND (m.sent_at > ? OR m.id > ?) ORDER BY m.sent_at, m.id LIMIT ?`, []any{lastAt, lastAt, lastID, replayPage},
			func(row interface{ Scan(...any) error }) (*resonanz.Message, error) { return scanMessage(row) })
		if err != nil {
			return fmt.Errorf("store: replay complaints: %w", err)
		}
		for _, m := range page {
			if err := fn(m); err != nil {
				return err
			}
		}
		if len(page) < replayPage {
			return nil
		}
		last := page[len(page)-1]
		lastAt, lastID = millis(last.SentAt), last.ID
	}
}

// LastMessageID returns the id of the newest message, 0 if there is none.
// Ids grow with every commit, so it parts the messages stored so far from
// the ones still to come.
func (db *DB) LastMessageID(ctx context.Context) (int64, error) {
	var id int64
	if err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM messages`).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: last message id: %w", err)
	}
	return id, nil
}

// MessagesAfter returns up to limit customer messages stored after the
// message with id after, in the order they were stored: a node that did not
// take them in itself follows what the others stored.
func (db *DB) MessagesAfter(ctx context.Context, after int64, limit int) ([]*resonanz.Message, error) {
	list, err := collect(ctx, db.read, customerMessages+`WHERE m.id > ? AND m.direction = 'in' ORDER BY m.id LIMIT ?`, []any{after, limit},
		func(row interface{ Scan(...any) error }) (*resonanz.Message, error) { return scanMessage(row) })
	if err != nil {
		return nil, fmt.Errorf("store: messages after %d: %w", after, err)
	}
	return list, nil
}

// MonitorCursor returns the newest message the storm monitor observed live
// on the node that ran it last; ok is false before any did.
func (db *DB) MonitorCursor(ctx context.Context) (id int64, ok bool, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT last_id FROM monitor_cursor WHERE id = 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	} else if err != nil {
		return 0, false, fmt.Errorf("store: monitor cursor: %w", err)
	}
	return id, true, nil
}

// SetMonitorCursor records the newest message the storm monitor observed.
func (db *DB) SetMonitorCursor(ctx context.Context, id int64) error {
	if _, err := db.write.ExecContext(ctx, `INSERT INTO monitor_cursor (id, last_id) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id`, id); err != nil {
		return fmt.Errorf("store: set monitor cursor: %w", err)
	}
	return nil
}
