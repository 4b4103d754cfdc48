package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/search"
)

const previewLen = 140

// Ingest stores validated incoming messages in one transaction: a message
// joins the conversation it replies to, or the open conversation of the same
// customer on the same channel, or opens a new one. A known (channel,
// external id) is never stored twice.
func (db *DB) Ingest(ctx context.Context, msgs []resonanz.IncomingMessage) ([]resonanz.IngestResult, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: begin ingest: %w", err)
	}
	defer tx.Rollback()
	now := millis(db.Now())
	results := make([]resonanz.IngestResult, len(msgs))
	for i := range msgs {
		if results[i], err = ingestOne(ctx, tx, &msgs[i], now); err != nil {
			return nil, fmt.Errorf("store: ingest %s/%q: %w", msgs[i].Channel, msgs[i].ExternalID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: commit ingest: %w", err)
	}
	return results, nil
}

func ingestOne(ctx context.Context, tx *sql.Tx, m *resonanz.IncomingMessage, now int64) (resonanz.IngestResult, error) {
	var r resonanz.IngestResult
	err := tx.QueryRowContext(ctx, `SELECT id, conversation_id FROM messages WHERE channel = ? AND external_id = ?`,
		m.Channel, m.ExternalID).Scan(&r.MessageID, &r.ConversationID)
	if err == nil {
		r.Duplicate = true
		return r, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return r, err
	}
	contactID, identityID, err := upsertIdentity(ctx, tx, m, now)
	if err != nil {
		return r, err
	}
	if r.ConversationID, err = findConversationFor(ctx, tx, m, contactID); err != nil {
		return r, err
	}
	sentAt := millis(m.Time)
	preview := firstLine(m.Text, previewLen)
	if r.ConversationID == 0 {
		err = tx.QueryRowContext(ctx, `INSERT INTO conversations
			(contact_id, identity_id, channel, status, preview, visibility, last_message_at, created_at)
			VALUES (?, ?, ?, 'open', ?, ?, ?, ?) RETURNING id`,
			contactID, identityID, m.Channel, preview, m.Visibility, sentAt, now).Scan(&r.ConversationID)
	} else {
		// A customer writing again reopens a conversation that waited for them
		// or that was solved (only replies reach solved ones); an older message
		// arriving late does not replace the newer preview.
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET
			status = CASE WHEN status IN ('waiting', 'solved') THEN 'open' ELSE status END,
			preview = CASE WHEN ? >= last_message_at THEN ? ELSE preview END,
			visibility = CASE WHEN ? >= last_message_at THEN ? ELSE visibility END,
			last_message_at = max(last_message_at, ?)
			WHERE id = ?`, sentAt, preview, sentAt, m.Visibility, sentAt, r.ConversationID)
	}
	if err != nil {
		return r, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO messages
		(conversation_id, channel, external_id, direction, identity_id, author_name, text, visibility, sent_at, created_at)
		VALUES (?, ?, ?, 'in', ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.ConversationID, m.Channel, m.ExternalID, identityID, authorName(m.Author), m.Text, m.Visibility, sentAt, now).Scan(&r.MessageID)
	if err != nil {
		return r, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO message_terms (rowid, terms) VALUES (?, ?)`, r.MessageID, search.Terms(m.Text))
	return r, err
}

func authorName(a resonanz.Author) string {
	if a.DisplayName != "" {
		return a.DisplayName
	}
	return a.Handle
}

// upsertIdentity finds or creates the customer's identity on the channel and
// the contact it belongs to; a customer ref links identities to one contact.
func upsertIdentity(ctx context.Context, tx *sql.Tx, m *resonanz.IncomingMessage, now int64) (contactID, identityID int64, err error) {
	err = tx.QueryRowContext(ctx, `SELECT contact_id, id FROM identities WHERE channel = ? AND handle = ?`,
		m.Channel, m.Author.Handle).Scan(&contactID, &identityID)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return contactID, identityID, err
	}
	if m.Author.CustomerRef != "" {
		err = tx.QueryRowContext(ctx, `SELECT id FROM contacts WHERE customer_ref = ?`, m.Author.CustomerRef).Scan(&contactID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, 0, err
		}
	}
	if contactID == 0 {
		var ref any
		if m.Author.CustomerRef != "" {
			ref = m.Author.CustomerRef
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO contacts (name, customer_ref, created_at) VALUES (?, ?, ?) RETURNING id`,
			authorName(m.Author), ref, now).Scan(&contactID)
		if err != nil {
			return 0, 0, err
		}
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO identities (contact_id, channel, handle, display_name) VALUES (?, ?, ?, ?) RETURNING id`,
		contactID, m.Channel, m.Author.Handle, m.Author.DisplayName).Scan(&identityID)
	return contactID, identityID, err
}

// findConversationFor returns the conversation m belongs to, or 0 for a new one.
func findConversationFor(ctx context.Context, tx *sql.Tx, m *resonanz.IncomingMessage, contactID int64) (int64, error) {
	var id int64
	if m.ReplyTo != "" {
		err := tx.QueryRowContext(ctx, `SELECT m.conversation_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
			WHERE m.channel = ? AND m.external_id = ? AND c.status <> 'closed'`, m.Channel, m.ReplyTo).Scan(&id)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return id, err
		}
	}
	err := tx.QueryRowContext(ctx, `SELECT id FROM conversations
		WHERE contact_id = ? AND channel = ? AND status IN ('open', 'waiting') ORDER BY id DESC LIMIT 1`,
		contactID, m.Channel).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
