package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/search"
)

// queueReply stores an agent's answer in conversation c as an outbound
// message with an outbox entry; an open conversation now waits for the
// customer. The caller indexes the text and writes the audit trail.
func queueReply(ctx context.Context, tx *sql.Tx, c *resonanz.Conversation, by *resonanz.User, text, visibility string, at time.Time) (*resonanz.OutboxItem, error) {
	now := millis(at)
	item := &resonanz.OutboxItem{ConversationID: c.ID, Channel: c.Channel, Visibility: visibility, State: "pending", CreatedAt: fromMillis(now)}
	if err := tx.QueryRowContext(ctx, `INSERT INTO messages
		(conversation_id, channel, direction, user_id, author_name, text, visibility, sent_at, created_at)
		VALUES (?, ?, 'out', ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.ID, c.Channel, by.ID, by.Name, text, visibility, now, now).Scan(&item.MessageID); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO outbox (conversation_id, message_id, channel, visibility, state, created_at)
		VALUES (?, ?, ?, ?, 'pending', ?) RETURNING id`, c.ID, item.MessageID, c.Channel, visibility, now).Scan(&item.ID); err != nil {
		return nil, err
	}
	if err := routeEvent(ctx, tx, c.ID, resonanz.RouteAgent, now); err != nil {
		return nil, err
	}
	if c.Status == resonanz.StatusOpen {
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET status = 'waiting' WHERE id = ?`, c.ID); err != nil {
			return nil, err
		}
		if err := routeEvent(ctx, tx, c.ID, resonanz.StatusWaiting, now); err != nil {
			return nil, err
		}
	}
	return item, nil
}

// indexReply adds an outbound message's words to the search index. Callers
// that queue many replies index them last: FTS5 flushes its pending terms
// whenever a later statement opens a savepoint.
func indexReply(ctx context.Context, tx *sql.Tx, messageID int64, text string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO message_terms (rowid, terms) VALUES (?, ?)`, messageID, search.Terms(text))
	return err
}
