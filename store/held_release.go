package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/resonanz/resonanz"
)

// ReleaseHeldReplies queues the replies held for reason again, now that
// they have a way out (an email account was connected or resumed). Each
// passes the same consent check as a fresh reply: one whose customer asked
// not to be contacted meanwhile stays held. Every release is audited in its
// conversation. It returns how many replies were queued.
func (db *DB) ReleaseHeldReplies(ctx context.Context, reason string, by *resonanz.User) (int, error) {
	type held struct {
		id, conversationID, messageID int64
		kind, purpose                 string
	}
	items, err := collect(ctx, db.read, `SELECT id, conversation_id, message_id, kind, purpose FROM outbox
		WHERE state = 'held' AND last_error = ? AND account_id IS NOT NULL ORDER BY id`, []any{reason},
		func(row interface{ Scan(...any) error }) (h held, err error) {
			return h, row.Scan(&h.id, &h.conversationID, &h.messageID, &h.kind, &h.purpose)
		})
	if err != nil {
		return 0, fmt.Errorf("store: find held replies: %w", err)
	}
	released := 0
	for _, h := range items {
		queued := false
		err := db.change(ctx, h.conversationID, func(tx *sql.Tx, c *resonanz.Conversation) error {
			d, err := consentCheck(ctx, tx, c, h.kind, h.purpose, h.messageID)
			if err != nil {
				return err
			}
			if !d.Allowed { // now held for the customer's wish, not for the missing way out
				if _, err := tx.ExecContext(ctx, `UPDATE outbox SET last_error = ?, consent = ? WHERE id = ? AND state = 'held'`,
					resonanz.HeldConsent, d.Rule, h.id); err != nil {
					return err
				}
				return logDecision(ctx, tx, c.ID, by, h.kind, d, 0, millis(db.Now()))
			}
			res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'pending', last_error = '', next_try_at = NULL
				WHERE id = ? AND state = 'held' AND last_error = ?`, h.id, reason)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil // sent or changed meanwhile
			}
			if err := db.queue(ctx, tx, resonanz.Job{Args: resonanz.OutboxJob{OutboxID: h.id}}); err != nil {
				return err
			}
			queued = true
			return audit(ctx, tx, c.ID, by, resonanz.AuditRelease, resonanz.Params{"reply": strconv.FormatInt(h.id, 10)}, millis(db.Now()))
		})
		if err != nil {
			return released, err
		}
		if queued {
			released++
		}
	}
	return released, nil
}
