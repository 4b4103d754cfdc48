package store

import (
	"context"
	"fmt"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/search"
)

const previewLen = 140

// Ingest stores validated incoming messages in one transaction: a message
// joins the conversation it replies to, or the open conversation of the same
// customer on the same channel, or opens a new one. A known (channel,
// external id) is never stored twice.
//
// The batch is handled as a set: a few queries look up everything the batch
// refers to, the routing is decided in Go, and multi-row statements write the
// result. Per-message statements would cost several times as much.
func (db *DB) Ingest(ctx context.Context, msgs []resonanz.IncomingMessage) ([]resonanz.IngestResult, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: begin ingest: %w", err)
	}
	defer tx.Rollback()
	b := newBatch(tx, &db.writeStmts, millis(db.Now()))
	if err := b.lookup(ctx, msgs); err != nil {
		return nil, fmt.Errorf("store: ingest lookup: %w", err)
	}
	erased, err := db.erasedMessages(ctx, tx, msgs)
	if err != nil {
		return nil, fmt.Errorf("store: ingest erasures: %w", err)
	}
	results := make([]resonanz.IngestResult, len(msgs))
	for i := range msgs {
		if erased[i] {
			// Answered like a copy already held, so that nobody learns who was erased.
			results[i] = resonanz.IngestResult{Duplicate: true}
			continue
		}
		results[i] = b.place(&msgs[i])
	}
	if err := b.write(ctx); err != nil {
		return nil, fmt.Errorf("store: ingest write: %w", err)
	}
	if err := db.engine.advanceIDs(ctx, tx, "contacts", "identities", "conversations", "messages"); err != nil {
		return nil, fmt.Errorf("store: ingest ids: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: commit ingest: %w", err)
	}
	// The messages are committed: a statement that failed to prepare for
	// later batches only costs speed, so it does not fail this one.
	db.writeStmts.learn(ctx)
	db.keepStatistics(ctx, len(msgs))
	db.wakeRouter()
	return results, nil
}

// place decides where one message goes, using and updating the batch's view.
func (b *batch) place(m *resonanz.IncomingMessage) resonanz.IngestResult {
	key := msgKey{m.Channel, m.ExternalID}
	if known, ok := b.messages[key]; ok {
		return resonanz.IngestResult{MessageID: known.id, ConversationID: known.conversationID, Duplicate: true}
	}
	who := b.identity(m)
	c := b.conversationFor(m, who)
	sentAt := millis(m.Time)
	preview := summary(m.Text, previewLen)
	l := labelsOf(&m.Analysis)
	event := resonanz.RouteNew
	if c == nil {
		c = b.newConversation(who, m.Channel, m.Visibility, preview, sentAt, &l)
	} else {
		c.receive(sentAt, preview, m.Visibility, &l)
		event = resonanz.RouteCustomer
	}
	b.routeEvents = append(b.routeEvents, []any{c.id, event, sentAt})
	b.nextMessageID++
	id := b.nextMessageID
	b.messages[key] = knownMessage{id: id, conversationID: c.id}
	var account any
	if m.AccountID != 0 {
		account = m.AccountID
	}
	b.newMessages = append(b.newMessages, []any{id, c.id, m.Channel, m.ExternalID, resonanz.Inbound, who.identityID,
		authorName(m.Author), m.Text, m.Visibility, sentAt, b.now,
		l.language, l.sentiment, l.sentimentScore, l.kind, l.kindScores, l.topics, l.urgency, account, !m.Unaddressed})
	b.terms = append(b.terms, []any{id, search.Terms(m.Text)})
	if m.Consent != "" {
		b.consents = append(b.consents, []any{id, m.Consent})
	}
	if m.ReplyAddress != "" {
		b.replyAddresses = append(b.replyAddresses, []any{id, m.ReplyAddress})
	}
	for _, a := range m.Attachments {
		b.attachments = append(b.attachments, []any{id, a.Name, a.Type, a.Size, a.Original, a.Path, a.Refused, a.Limit})
	}
	return resonanz.IngestResult{MessageID: id, ConversationID: c.id, Analysis: &m.Analysis}
}

// identity returns the customer's known identity, or creates it and, unless
// the customer ref names a known person, a new contact.
func (b *batch) identity(m *resonanz.IncomingMessage) identity {
	key := identityKey{m.Channel, m.Author.Handle}
	if who, ok := b.identities[key]; ok {
		return who
	}
	ref := m.Author.CustomerRef
	contactID, ok := b.refs[ref]
	if !ok || ref == "" {
		b.nextContactID++
		contactID = b.nextContactID
		var refValue any
		if ref != "" {
			refValue = ref
			b.refs[ref] = contactID
		}
		b.newContacts = append(b.newContacts, []any{contactID, authorName(m.Author), refValue, b.now})
	}
	b.nextIdentityID++
	who := identity{contactID: contactID, identityID: b.nextIdentityID}
	b.identities[key] = who
	b.newIdentities = append(b.newIdentities, []any{who.identityID, contactID, m.Channel, m.Author.Handle, m.Author.DisplayName})
	return who
}

// conversationFor returns the conversation m joins: the one it replies to
// unless closed, else the customer's open one on the channel, else nil.
func (b *batch) conversationFor(m *resonanz.IncomingMessage, who identity) *conversationState {
	if m.ReplyTo != "" {
		if target, ok := b.messages[msgKey{m.Channel, m.ReplyTo}]; ok {
			if c := b.conversations[target.conversationID]; c != nil && c.status != resonanz.StatusClosed {
				return c
			}
		}
	}
	if c := b.open[contactChannel{who.contactID, m.Channel, m.Visibility}]; c != nil && (c.status == resonanz.StatusOpen || c.status == resonanz.StatusWaiting) {
		return c
	}
	return nil
}

func (b *batch) newConversation(who identity, channel, visibility, preview string, sentAt int64, l *labels) *conversationState {
	b.nextConversationID++
	c := &conversationState{id: b.nextConversationID, contactID: who.contactID, identityID: who.identityID, channel: channel,
		openedAt: sentAt, isNew: true, conversationFields: conversationFields{status: resonanz.StatusOpen, preview: preview,
			visibility: visibility, lastMessageAt: sentAt, language: l.language, sentiment: l.sentiment, kind: l.kind, topics: l.topics, urgency: l.urgency}}
	b.conversations[c.id] = c
	b.open[contactChannel{who.contactID, channel, visibility}] = c
	b.newConversations = append(b.newConversations, c)
	return c
}

// repeatAfter is how long after their last message a customer writing
// again about the same case counts as a repeated contact, not a thread.
const repeatAfter = 60 * 60 * 1000

// receive updates a conversation for a new customer message: the customer
// writing again reopens it, an older message arriving late does not replace
// the newer preview and labels, urgency signals add up, and writing again
// after an hour or more is a repeated contact.
func (c *conversationState) receive(sentAt int64, preview, visibility string, l *labels) {
	if c.status == resonanz.StatusWaiting || c.status == resonanz.StatusSolved {
		c.status = resonanz.StatusOpen
	}
	if sentAt-c.lastMessageAt >= repeatAfter {
		c.urgency = mergeList(c.urgency, resonanz.UrgentRepeat)
	}
	if sentAt >= c.lastMessageAt {
		c.preview, c.visibility, c.lastMessageAt = preview, visibility, sentAt
		c.language, c.sentiment, c.kind, c.topics = l.language, l.sentiment, l.kind, l.topics
	}
	c.urgency = mergeList(c.urgency, l.urgency)
	if c.isNew && sentAt < c.openedAt { // an older message later in the same batch
		c.openedAt = sentAt
	}
}

func authorName(a resonanz.Author) string {
	if a.DisplayName != "" {
		return a.DisplayName
	}
	return a.Handle
}
