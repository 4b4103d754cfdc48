package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/resonanz/resonanz"
)

// timelineLimit bounds how many messages of one customer a conversation page shows.
const timelineLimit = 500

// Timeline returns everything known about the customer of conversation id:
// their identities, their messages and notes in all conversations on all
// channels (oldest first), and the audit trail of this conversation.
func (db *DB) Timeline(ctx context.Context, id int64) (*resonanz.Timeline, error) {
	c, err := db.FindConversationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	tl := &resonanz.Timeline{Conversation: c}
	steps := []func() error{
		func() (err error) { tl.Contact, err = db.findContact(ctx, c.ContactID); return err },
		func() error { return db.timelineMessages(ctx, tl) },
		func() error { return db.timelineDeliveries(ctx, tl) },
		func() error { return db.timelineConsents(ctx, tl) },
		func() error { return db.timelineAttachments(ctx, tl) },
		func() error { return db.timelineNotes(ctx, tl) },
		func() (err error) { tl.Audit, err = db.auditTrail(ctx, id); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("store: timeline of conversation %d: %w", id, err)
		}
	}
	sort.SliceStable(tl.Entries, func(i, j int) bool { return entryTime(tl.Entries[i]).Before(entryTime(tl.Entries[j])) })
	return tl, nil
}

func entryTime(e resonanz.TimelineEntry) time.Time {
	if e.Message != nil {
		return e.Message.SentAt
	}
	return e.Note.CreatedAt
}

func (db *DB) findContact(ctx context.Context, id int64) (*resonanz.Contact, error) {
	ct := &resonanz.Contact{ID: id}
	if err := db.read.QueryRowContext(ctx, `SELECT name, vip FROM contacts WHERE id = ?`, id).Scan(&ct.Name, &ct.VIP); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT channel, handle, display_name FROM identities WHERE contact_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var i resonanz.Identity
		if err := rows.Scan(&i.Channel, &i.Handle, &i.DisplayName); err != nil {
			return nil, err
		}
		ct.Identities = append(ct.Identities, i)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ct.Wishes, err = contactWishes(ctx, db.read, id)
	return ct, err
}

func (db *DB) timelineMessages(ctx context.Context, tl *resonanz.Timeline) error {
	rows, err := db.read.QueryContext(ctx, `SELECT * FROM (
		SELECT m.id, m.conversation_id, m.channel, coalesce(m.external_id, ''), m.direction, m.author_name,
			coalesce(i.handle, ''), coalesce(m.user_id, 0), m.text, m.visibility, m.sent_at, `+labelColumns+`
		FROM messages m JOIN conversations c ON c.id = m.conversation_id
		LEFT JOIN identities i ON i.id = m.identity_id
		WHERE c.contact_id = ? ORDER BY m.sent_at DESC, m.id DESC LIMIT ?) recent ORDER BY 11, 1`,
		tl.Conversation.ContactID, timelineLimit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return err
		}
		tl.Entries = append(tl.Entries, resonanz.TimelineEntry{Message: m, InConversation: m.ConversationID == tl.Conversation.ID})
	}
	return rows.Err()
}

// scanMessage reads the message columns of timelineMessages, then any extra columns into extra.
func scanMessage(row interface{ Scan(...any) error }, extra ...any) (*resonanz.Message, error) {
	var m resonanz.Message
	var sent int64
	var l labels
	if err := row.Scan(append([]any{&m.ID, &m.ConversationID, &m.Channel, &m.ExternalID, &m.Direction, &m.AuthorName,
		&m.AuthorHandle, &m.UserID, &m.Text, &m.Visibility, &sent}, append(l.scanTargets(), extra...)...)...); err != nil {
		return nil, err
	}
	m.SentAt, m.Analysis = fromMillis(sent), l.analysis()
	return &m, nil
}

// timelineDeliveries tells how each reply in the timeline went out, and
// which customer posts were not written to the company.
func (db *DB) timelineDeliveries(ctx context.Context, tl *resonanz.Timeline) error {
	byID := map[int64]*resonanz.Message{}
	for _, e := range tl.Entries {
		if e.Message != nil {
			byID[e.Message.ID] = e.Message
		}
	}
	items, err := collect(ctx, db.read, `SELECT `+outboxColumns+` FROM outbox o JOIN conversations c ON c.id = o.conversation_id
		WHERE c.contact_id = ? ORDER BY o.id DESC LIMIT ?`, []any{tl.Conversation.ContactID, timelineLimit}, scanOutboxItem)
	if err != nil {
		return err
	}
	for _, o := range items {
		if m := byID[o.MessageID]; m != nil {
			m.Delivery = o
		}
	}
	unaddressed, err := collect(ctx, db.read, `SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
		WHERE c.contact_id = ? AND m.addressed = 0 ORDER BY m.id DESC LIMIT ?`, []any{tl.Conversation.ContactID, timelineLimit},
		func(row interface{ Scan(...any) error }) (id int64, err error) { return id, row.Scan(&id) })
	for _, id := range unaddressed {
		if m := byID[id]; m != nil {
			m.Unaddressed = true
		}
	}
	return err
}

func (db *DB) timelineNotes(ctx context.Context, tl *resonanz.Timeline) error {
	rows, err := db.read.QueryContext(ctx, `SELECT n.id, n.conversation_id, u.name, n.text, n.created_at
		FROM notes n JOIN users u ON u.id = n.user_id JOIN conversations c ON c.id = n.conversation_id
		WHERE c.contact_id = ? ORDER BY n.id DESC LIMIT ?`, tl.Conversation.ContactID, timelineLimit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var n resonanz.Note
		var at int64
		if err := rows.Scan(&n.ID, &n.ConversationID, &n.UserName, &n.Text, &at); err != nil {
			return err
		}
		n.CreatedAt = fromMillis(at)
		tl.Entries = append(tl.Entries, resonanz.TimelineEntry{Note: &n, InConversation: n.ConversationID == tl.Conversation.ID})
	}
	return rows.Err()
}

func (db *DB) auditTrail(ctx context.Context, id int64) ([]*resonanz.AuditEvent, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT a.id, a.conversation_id, coalesce(u.name, 'resonanz'), a.action, a.kind, a.params, a.detail, a.created_at
		FROM audit_events a LEFT JOIN users u ON u.id = a.user_id WHERE a.conversation_id = ? ORDER BY a.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var events []*resonanz.AuditEvent
	for rows.Next() {
		var e resonanz.AuditEvent
		var at int64
		if err := rows.Scan(&e.ID, &e.ConversationID, &e.UserName, &e.Action, &e.Kind, (*paramsColumn)(&e.Params), &e.Detail, &at); err != nil {
			return nil, err
		}
		e.CreatedAt = fromMillis(at)
		events = append(events, &e)
	}
	return events, rows.Err()
}
