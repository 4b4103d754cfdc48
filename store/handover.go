package store

import (
	"context"
	"database/sql"

	"github.com/resonanz/resonanz"
)

// HandOver gives a conversation to a colleague with a note for them, in one
// transaction: the new owner, the note and the audit entry.
func (db *DB) HandOver(ctx context.Context, id int64, by *resonanz.User, to int64, note string) error {
	note, err := agentText("note", note)
	if err != nil {
		return err
	}
	return db.change(ctx, id, func(tx *sql.Tx, c *resonanz.Conversation) error {
		if to == c.OwnerID {
			return resonanz.FieldError("owner", "The conversation is already theirs.").Keyed("handover.same")
		}
		var name string
		var disabled bool
		if err := tx.QueryRowContext(ctx, `SELECT name, disabled FROM users WHERE id = ?`, to).Scan(&name, &disabled); err == sql.ErrNoRows || disabled {
			return resonanz.FieldError("owner", "Choose an active colleague to hand over to.").Keyed("handover.inactive")
		} else if err != nil {
			return err
		}
		now := millis(db.Now())
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET owner_id = ? WHERE id = ?`, to, c.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notes (conversation_id, user_id, text, created_at) VALUES (?, ?, ?, ?)`,
			c.ID, by.ID, note, now); err != nil {
			return err
		}
		return audit(ctx, tx, c.ID, by, resonanz.AuditHandOver, resonanz.Params{"from": c.OwnerName, "to": name, "note": summary(note, 80)}, now)
	})
}

// SetVIP marks the conversation's customer as a VIP, or not; routing rules
// see it for the customer's new conversations.
func (db *DB) SetVIP(ctx context.Context, id int64, by *resonanz.User, vip bool) error {
	return db.change(ctx, id, func(tx *sql.Tx, c *resonanz.Conversation) error {
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET vip = ? WHERE id = ?`, vip, c.ContactID); err != nil {
			return err
		}
		kind := resonanz.AuditVIPOff
		if vip {
			kind = resonanz.AuditVIPOn
		}
		return audit(ctx, tx, c.ID, by, kind, nil, millis(db.Now()))
	})
}
