package store

import (
	"context"
	"database/sql"
	"strings"
)

type msgKey struct{ channel, externalID string }

type identityKey struct{ channel, handle string }

// contactChannel keys a customer's open conversation: on a channel that
// answers both ways, a public thread and a private one stay apart, so that a
// reply never goes out more publicly than the customer wrote.
type contactChannel struct {
	contactID           int64
	channel, visibility string
}

type knownMessage struct{ id, conversationID int64 }

type identity struct{ contactID, identityID int64 }

// conversationState is a conversation as the batch sees and changes it.
type conversationState struct {
	id, contactID, identityID int64
	channel                   string
	conversationFields
	// stored is what the row held before the batch: an update sets only
	// what changed, since a column an UPDATE names fires the report
	// triggers and moves the indexes over it even when its value stays.
	stored   conversationFields
	openedAt int64 // a new conversation's first message: its created_at
	isNew    bool
}

// conversationFields are what a new message may change in its conversation.
type conversationFields struct {
	status, preview, visibility                string
	language, sentiment, kind, topics, urgency string
	lastMessageAt                              int64
}

// changes lists the columns whose values differ from was, with the new values.
func (f *conversationFields) changes(was *conversationFields) (columns []string, values []any) {
	for _, c := range []struct {
		column    string
		now, then any
	}{
		{"status", f.status, was.status}, {"preview", f.preview, was.preview}, {"visibility", f.visibility, was.visibility},
		{"last_message_at", f.lastMessageAt, was.lastMessageAt}, {"language", f.language, was.language},
		{"sentiment", f.sentiment, was.sentiment}, {"kind", f.kind, was.kind}, {"topics", f.topics, was.topics}, {"urgency", f.urgency, was.urgency},
	} {
		if c.now != c.then {
			columns, values = append(columns, c.column), append(values, c.now)
		}
	}
	return columns, values
}

// batch is one ingest transaction: what the messages refer to, and what to write.
type batch struct {
	tx    *sql.Tx
	stmts *stmtCache
	now   int64

	messages      map[msgKey]knownMessage
	identities    map[identityKey]identity
	refs          map[string]int64 // customer ref → contact id
	open          map[contactChannel]*conversationState
	conversations map[int64]*conversationState

	// New rows get ids counted from the current maximum; the write lock is
	// held for the whole transaction, so no one else can take them.
	nextContactID, nextIdentityID, nextConversationID, nextMessageID int64

	newContacts, newIdentities, newMessages, terms [][]any
	consents                                       [][]any // the consent wording given with a message
	replyAddresses, attachments                    [][]any // where replies go; the files that came with a message
	routeEvents                                    [][]any // for the router: new conversations, customers writing again
	newConversations                               []*conversationState
}

func newBatch(tx *sql.Tx, stmts *stmtCache, now int64) *batch {
	return &batch{tx: tx, stmts: stmts, now: now, messages: map[msgKey]knownMessage{}, identities: map[identityKey]identity{},
		refs: map[string]int64{}, open: map[contactChannel]*conversationState{}, conversations: map[int64]*conversationState{}}
}

// placeholders returns "?, ?, …" with n marks.
func placeholders(n int) string {
	if n == 0 {
		return "NULL" // matches nothing; PostgreSQL refuses an empty list
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// queryEach runs query and calls scan for every row.
func (b *batch) queryEach(ctx context.Context, query string, args []any, scan func(*sql.Rows) error) error {
	st, err := b.stmts.stmt(ctx, b.tx, query, len(args))
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// insertRows writes rows with multi-row INSERTs of a power of two rows, at
// most 256: a batch of any size then uses a few statement shapes, which the
// cache keeps prepared.
func (b *batch) insertRows(ctx context.Context, head string, rows [][]any) error {
	for len(rows) > 0 {
		n := chunkRows(len(rows))
		row := "(" + placeholders(len(rows[0])) + ")"
		args := make([]any, 0, n*len(rows[0]))
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		st, err := b.stmts.stmt(ctx, b.tx, head+" VALUES "+row+strings.Repeat(", "+row, n-1), len(args))
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// chunkRows is the largest power of two up to 256 and n.
func chunkRows(n int) int {
	size := 256
	for size > n {
		size /= 2
	}
	return size
}

// inList returns the marks of an IN list for values, padded to a power of
// two by repeating the last value (which matches nothing more), so that
// lists of any length share a few statement shapes.
func inList(values []any) (string, []any) {
	n := 1
	for n < len(values) {
		n *= 2
	}
	padded := append(make([]any, 0, n), values...)
	for len(padded) < n {
		padded = append(padded, values[len(values)-1])
	}
	return placeholders(n), padded
}
