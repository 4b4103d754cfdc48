package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/resonanz/resonanz"
)

// SendReply stores each part of an agent's answer as an outbound message
// and queues it for delivery, in one transaction, in order; a conversation
// that was open now waits for the customer. Nothing is queued when the
// customer's wishes rule it out (resonanz.MayContact: the refusal is kept
// in the audit trail), nor when the customer or a colleague wrote after the
// message the agent saw last (d.Seen).
func (db *DB) SendReply(ctx context.Context, id int64, by *resonanz.User, d resonanz.ReplyDraft) ([]*resonanz.OutboxItem, error) {
	if len(d.Parts) == 0 {
		return nil, resonanz.FieldError("text", "The text is empty.")
	}
	parts := make([]string, len(d.Parts))
	for i, p := range d.Parts {
		var err error
		if parts[i], err = agentText("text", p); err != nil {
			return nil, err
		}
	}
	var items []*resonanz.OutboxItem
	var refused error
	err := db.change(ctx, id, func(tx *sql.Tx, c *resonanz.Conversation) error {
		dec, err := consentCheck(ctx, tx, c, resonanz.OutboundReply, resonanz.PurposeService, 0)
		if err != nil {
			return err
		}
		if !dec.Allowed {
			refused = consentRefusal(c)
			return logDecision(ctx, tx, c.ID, by, resonanz.OutboundReply, dec, 0, millis(db.Now()))
		}
		if err := refuseUnseen(ctx, tx, c.ID, by.ID, d.Seen); err != nil {
			return err
		}
		ch, _ := resonanz.LookupChannel(c.Channel)
		for _, p := range parts {
			if err := ch.CheckReplyLength(p, c.CustomerHandle); err != nil {
				return err
			}
		}
		visibility := resonanz.Private
		if ch.ReplyVisibility(d.Public) {
			visibility = resonanz.Public
		}
		now := db.Now()
		for _, p := range parts {
			item, err := db.queueOutbound(ctx, tx, c, outbound{kind: resonanz.OutboundReply, decision: dec, by: by, text: p, visibility: visibility}, now)
			if err != nil {
				return err
			}
			c.Status = resonanz.StatusWaiting // queueReply moved an open conversation on
			if err := audit(ctx, tx, c.ID, by, resonanz.AuditReply, resonanz.Params{"visibility": visibility, "text": summary(p, 80)}, millis(now)); err != nil {
				return err
			}
			items = append(items, item)
		}
		for i, item := range items {
			if err := indexReply(ctx, tx, item.MessageID, parts[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = refused
	}
	if err != nil {
		return nil, err
	}
	return items, nil
}

// refuseUnseen refuses an answer to conversation id when the customer or
// another agent wrote after message seen (0: no check).
func refuseUnseen(ctx context.Context, tx *sql.Tx, id, userID, seen int64) error {
	if seen == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM messages WHERE conversation_id = ? AND id > ?
		AND (direction = 'in' OR user_id IS DISTINCT FROM ?)`, id, seen, userID).Scan(&n); err != nil {
		return fmt.Errorf("unseen messages: %w", err)
	}
	if n > 0 {
		return &resonanz.Error{Code: resonanz.ECONFLICT, Field: "seen",
			Message: fmt.Sprintf("%d new message(s) arrived in this conversation while you were writing. Read them first; then send your reply, or send it anyway.", n)}
	}
	return nil
}
