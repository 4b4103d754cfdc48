package store

import (
	"context"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
)

// ReplayMessages calls fn for every customer message sent since since, in
// time order, so that a restarted process can rebuild what it learned from
// them (the usual level of complaints, for storm warnings).
func (db *DB) ReplayMessages(ctx context.Context, since time.Time, fn func(m *resonanz.Message) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT m.id, m.conversation_id, m.channel, coalesce(m.external_id, ''), m.direction,
			m.author_name, coalesce(i.handle, ''), coalesce(m.user_id, 0), m.text, m.visibility, m.sent_at, `+labelColumns+`
		FROM messages m LEFT JOIN identities i ON i.id = m.identity_id
		WHERE m.direction = 'in' AND m.sent_at >= ? ORDER BY m.sent_at, m.id`, millis(since))
	if err != nil {
		return fmt.Errorf("store: replay messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return fmt.Errorf("store: replay messages: %w", err)
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	return rows.Err()
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
