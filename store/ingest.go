package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/search"
)

const previewLen = 140

// The statements of ingest, prepared once per batch.
const (
	sqlFindMessage = iota
	sqlFindIdentity
	sqlFindContactByRef
	sqlInsertContact
	sqlInsertIdentity
	sqlFindRepliedConversation
	sqlFindOpenConversation
	sqlInsertConversation
	sqlUpdateConversation
	sqlInsertMessage
	numIngestStatements
)

var ingestSQL = [numIngestStatements]string{
	sqlFindMessage:      `SELECT id, conversation_id FROM messages WHERE channel = ? AND external_id = ?`,
	sqlFindIdentity:     `SELECT contact_id, id FROM identities WHERE channel = ? AND handle = ?`,
	sqlFindContactByRef: `SELECT id FROM contacts WHERE customer_ref = ?`,
	sqlInsertContact:    `INSERT INTO contacts (name, customer_ref, created_at) VALUES (?, ?, ?) RETURNING id`,
	sqlInsertIdentity:   `INSERT INTO identities (contact_id, channel, handle, display_name) VALUES (?, ?, ?, ?) RETURNING id`,
	sqlFindRepliedConversation: `SELECT m.conversation_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
		WHERE m.channel = ? AND m.external_id = ? AND c.status <> 'closed'`,
	sqlFindOpenConversation: `SELECT id FROM conversations
		WHERE contact_id = ? AND channel = ? AND status IN ('open', 'waiting') ORDER BY id DESC LIMIT 1`,
	sqlInsertConversation: `INSERT INTO conversations
		(contact_id, identity_id, channel, status, preview, visibility, last_message_at, created_at)
		VALUES (?, ?, ?, 'open', ?, ?, ?, ?) RETURNING id`,
	// A customer writing again reopens a conversation that waited for them
	// or that was solved (only replies reach solved ones); an older message
	// arriving late does not replace the newer preview.
	sqlUpdateConversation: `UPDATE conversations SET
		status = CASE WHEN status IN ('waiting', 'solved') THEN 'open' ELSE status END,
		preview = CASE WHEN ?1 >= last_message_at THEN ?2 ELSE preview END,
		visibility = CASE WHEN ?1 >= last_message_at THEN ?3 ELSE visibility END,
		last_message_at = max(last_message_at, ?1)
		WHERE id = ?4`,
	sqlInsertMessage: `INSERT INTO messages
		(conversation_id, channel, external_id, direction, identity_id, author_name, text, visibility, sent_at, created_at)
		VALUES (?, ?, ?, 'in', ?, ?, ?, ?, ?, ?) RETURNING id`,
}

// termsChunk is how many messages' search terms go into one INSERT.
const termsChunk = 250

// ingester stores the messages of one batch inside one transaction.
type ingester struct {
	tx    *sql.Tx
	stmts [numIngestStatements]*sql.Stmt
	terms []any // rowid, terms pairs for the search index
}

// stmt returns statement i, preparing it on first use in this batch.
func (in *ingester) stmt(ctx context.Context, i int) (*sql.Stmt, error) {
	if in.stmts[i] == nil {
		st, err := in.tx.PrepareContext(ctx, ingestSQL[i])
		if err != nil {
			return nil, err
		}
		in.stmts[i] = st
	}
	return in.stmts[i], nil
}

func (in *ingester) queryRow(ctx context.Context, i int, args []any, dest ...any) error {
	st, err := in.stmt(ctx, i)
	if err != nil {
		return err
	}
	return st.QueryRowContext(ctx, args...).Scan(dest...)
}

func (in *ingester) exec(ctx context.Context, i int, args ...any) error {
	st, err := in.stmt(ctx, i)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (in *ingester) close() {
	for _, st := range in.stmts {
		if st != nil {
			st.Close()
		}
	}
}

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
	in := &ingester{tx: tx}
	defer in.close()
	now := millis(db.Now())
	results := make([]resonanz.IngestResult, len(msgs))
	for i := range msgs {
		if results[i], err = in.ingestOne(ctx, &msgs[i], now); err != nil {
			return nil, fmt.Errorf("store: ingest %s/%q: %w", msgs[i].Channel, msgs[i].ExternalID, err)
		}
	}
	if err := in.indexTerms(ctx); err != nil {
		return nil, fmt.Errorf("store: index messages: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: commit ingest: %w", err)
	}
	return results, nil
}

func (in *ingester) ingestOne(ctx context.Context, m *resonanz.IncomingMessage, now int64) (resonanz.IngestResult, error) {
	var r resonanz.IngestResult
	err := in.queryRow(ctx, sqlFindMessage, []any{m.Channel, m.ExternalID}, &r.MessageID, &r.ConversationID)
	if err == nil {
		r.Duplicate = true
		return r, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return r, err
	}
	contactID, identityID, err := in.upsertIdentity(ctx, m, now)
	if err != nil {
		return r, err
	}
	if r.ConversationID, err = in.findConversationFor(ctx, m, contactID); err != nil {
		return r, err
	}
	sentAt := millis(m.Time)
	preview := firstLine(m.Text, previewLen)
	if r.ConversationID == 0 {
		err = in.queryRow(ctx, sqlInsertConversation, []any{contactID, identityID, m.Channel, preview, m.Visibility, sentAt, now},
			&r.ConversationID)
	} else {
		err = in.exec(ctx, sqlUpdateConversation, sentAt, preview, m.Visibility, r.ConversationID)
	}
	if err != nil {
		return r, err
	}
	err = in.queryRow(ctx, sqlInsertMessage, []any{r.ConversationID, m.Channel, m.ExternalID, identityID, authorName(m.Author),
		m.Text, m.Visibility, sentAt, now}, &r.MessageID)
	if err != nil {
		return r, err
	}
	in.terms = append(in.terms, r.MessageID, search.Terms(m.Text))
	return r, nil
}

// indexTerms adds the batch's messages to the search index, after every
// other write: FTS5 flushes its pending terms whenever a later statement
// opens a savepoint, so writing them last, in few statements, keeps the
// index from fragmenting into one segment per message.
func (in *ingester) indexTerms(ctx context.Context) error {
	for len(in.terms) > 0 {
		n := min(len(in.terms)/2, termsChunk)
		q := `INSERT INTO message_terms (rowid, terms) VALUES (?, ?)` + strings.Repeat(`, (?, ?)`, n-1)
		if _, err := in.tx.ExecContext(ctx, q, in.terms[:2*n]...); err != nil {
			return err
		}
		in.terms = in.terms[2*n:]
	}
	return nil
}

func authorName(a resonanz.Author) string {
	if a.DisplayName != "" {
		return a.DisplayName
	}
	return a.Handle
}

// upsertIdentity finds or creates the customer's identity on the channel and
// the contact it belongs to; a customer ref links identities to one contact.
func (in *ingester) upsertIdentity(ctx context.Context, m *resonanz.IncomingMessage, now int64) (contactID, identityID int64, err error) {
	err = in.queryRow(ctx, sqlFindIdentity, []any{m.Channel, m.Author.Handle}, &contactID, &identityID)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return contactID, identityID, err
	}
	var ref any
	if m.Author.CustomerRef != "" {
		ref = m.Author.CustomerRef
		err = in.queryRow(ctx, sqlFindContactByRef, []any{ref}, &contactID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, 0, err
		}
	}
	if contactID == 0 {
		if err = in.queryRow(ctx, sqlInsertContact, []any{authorName(m.Author), ref, now}, &contactID); err != nil {
			return 0, 0, err
		}
	}
	err = in.queryRow(ctx, sqlInsertIdentity, []any{contactID, m.Channel, m.Author.Handle, m.Author.DisplayName}, &identityID)
	return contactID, identityID, err
}

// findConversationFor returns the conversation m belongs to, or 0 for a new one.
func (in *ingester) findConversationFor(ctx context.Context, m *resonanz.IncomingMessage, contactID int64) (int64, error) {
	var id int64
	if m.ReplyTo != "" {
		err := in.queryRow(ctx, sqlFindRepliedConversation, []any{m.Channel, m.ReplyTo}, &id)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return id, err
		}
	}
	err := in.queryRow(ctx, sqlFindOpenConversation, []any{contactID, m.Channel}, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
