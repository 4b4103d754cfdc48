package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

const conversationStateColumns = `id, contact_id, identity_id, channel, status, preview, visibility, last_message_at,
	language, sentiment, kind, topics, urgency FROM conversations`

// lookup loads what the batch refers to: known messages (for duplicates and
// replies), identities, contacts by customer ref, their open conversations,
// and the highest ids in use.
func (b *batch) lookup(ctx context.Context, msgs []resonanz.IncomingMessage) error {
	externalIDs, handles := map[string][]any{}, map[string][]any{}
	var refs []any
	for _, m := range msgs {
		externalIDs[m.Channel] = append(externalIDs[m.Channel], m.ExternalID)
		if m.ReplyTo != "" {
			externalIDs[m.Channel] = append(externalIDs[m.Channel], m.ReplyTo)
		}
		handles[m.Channel] = append(handles[m.Channel], m.Author.Handle)
		if m.Author.CustomerRef != "" {
			refs = append(refs, m.Author.CustomerRef)
		}
	}
	for channel, ids := range externalIDs {
		marks, ids := inList(ids)
		err := b.queryEach(ctx, `SELECT external_id, id, conversation_id FROM messages WHERE channel = ? AND external_id IN (`+marks+`)`,
			append([]any{channel}, ids...), func(rows *sql.Rows) error {
				var ext string
				var k knownMessage
				err := rows.Scan(&ext, &k.id, &k.conversationID)
				b.messages[msgKey{channel, ext}] = k
				return err
			})
		if err != nil {
			return err
		}
	}
	var contactIDs []any
	for channel, hs := range handles {
		marks, hs := inList(hs)
		err := b.queryEach(ctx, `SELECT handle, contact_id, id FROM identities WHERE channel = ? AND handle IN (`+marks+`)`,
			append([]any{channel}, hs...), func(rows *sql.Rows) error {
				var handle string
				var who identity
				err := rows.Scan(&handle, &who.contactID, &who.identityID)
				b.identities[identityKey{channel, handle}] = who
				contactIDs = append(contactIDs, who.contactID)
				return err
			})
		if err != nil {
			return err
		}
	}
	if len(refs) > 0 {
		marks, refs := inList(refs)
		err := b.queryEach(ctx, `SELECT customer_ref, id FROM contacts WHERE customer_ref IN (`+marks+`)`, refs,
			func(rows *sql.Rows) error {
				var ref string
				var id int64
				err := rows.Scan(&ref, &id)
				b.refs[ref] = id
				contactIDs = append(contactIDs, id)
				return err
			})
		if err != nil {
			return err
		}
	}
	if err := b.lookupConversations(ctx, contactIDs); err != nil {
		return err
	}
	return b.queryEach(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM contacts), (SELECT coalesce(max(id), 0) FROM identities),
		(SELECT coalesce(max(id), 0) FROM conversations), (SELECT coalesce(max(id), 0) FROM messages)`, nil,
		func(rows *sql.Rows) error {
			return rows.Scan(&b.nextContactID, &b.nextIdentityID, &b.nextConversationID, &b.nextMessageID)
		})
}

// lookupConversations loads the open conversations of the contacts and the
// conversations that known messages belong to.
func (b *batch) lookupConversations(ctx context.Context, contactIDs []any) error {
	scan := func(rows *sql.Rows) error {
		var c conversationState
		if err := rows.Scan(&c.id, &c.contactID, &c.identityID, &c.channel, &c.status, &c.preview, &c.visibility, &c.lastMessageAt,
			&c.language, &c.sentiment, &c.kind, &c.topics, &c.urgency); err != nil {
			return err
		}
		c.stored = c.conversationFields
		if b.conversations[c.id] == nil {
			b.conversations[c.id] = &c
		}
		return nil
	}
	if len(contactIDs) > 0 {
		// Status is checked in Go: on it, the planner may prefer the status
		// index and walk every open conversation.
		marks, ids := inList(contactIDs)
		err := b.queryEach(ctx, `SELECT `+conversationStateColumns+` WHERE contact_id IN (`+marks+`)`, ids, scan)
		if err != nil {
			return err
		}
		for _, c := range b.conversations {
			if c.status != resonanz.StatusOpen && c.status != resonanz.StatusWaiting {
				continue
			}
			key := contactChannel{c.contactID, c.channel, c.visibility}
			if prev := b.open[key]; prev == nil || prev.id < c.id {
				b.open[key] = c
			}
		}
	}
	var targetIDs []any
	for _, k := range b.messages {
		if b.conversations[k.conversationID] == nil {
			targetIDs = append(targetIDs, k.conversationID)
		}
	}
	if len(targetIDs) == 0 {
		return nil
	}
	marks, ids := inList(targetIDs)
	return b.queryEach(ctx, `SELECT `+conversationStateColumns+` WHERE id IN (`+marks+`)`, ids, scan)
}

// write stores the batch's new and changed rows, parents first; the search
// terms go last because FTS5 flushes its pending terms whenever a later
// statement opens a savepoint, and a flush per message fragments the index.
func (b *batch) write(ctx context.Context) error {
	var convRows [][]any
	for _, c := range b.newConversations {
		convRows = append(convRows, []any{c.id, c.contactID, c.identityID, c.channel, c.status, c.preview, c.visibility, c.lastMessageAt, c.openedAt,
			c.language, c.sentiment, c.kind, c.topics, c.urgency})
	}
	inserts := []struct {
		head string
		rows [][]any
	}{
		{`INSERT INTO contacts (id, name, customer_ref, created_at)`, b.newContacts},
		{`INSERT INTO identities (id, contact_id, channel, handle, display_name)`, b.newIdentities},
		{`INSERT INTO conversations (id, contact_id, identity_id, channel, status, preview, visibility, last_message_at, created_at,
			language, sentiment, kind, topics, urgency)`, convRows},
		{`INSERT INTO messages (id, conversation_id, channel, external_id, direction, identity_id, author_name, text, visibility, sent_at, created_at,
			language, sentiment, sentiment_score, kind, kind_scores, topics, urgency, account_id, addressed)`, b.newMessages},
	}
	for _, ins := range inserts[:3] {
		if err := b.insertRows(ctx, ins.head, ins.rows); err != nil {
			return err
		}
	}
	if err := b.updateConversations(ctx); err != nil {
		return err
	}
	if err := b.insertRows(ctx, inserts[3].head, inserts[3].rows); err != nil {
		return err
	}
	if err := b.insertRows(ctx, `INSERT INTO route_events (conversation_id, kind, at)`, b.routeEvents); err != nil {
		return err
	}
	if err := b.insertRows(ctx, `INSERT INTO message_consents (message_id, wording)`, b.consents); err != nil {
		return err
	}
	if err := b.insertRows(ctx, `INSERT INTO message_reply_addresses (message_id, address)`, b.replyAddresses); err != nil {
		return err
	}
	if err := b.insertRows(ctx, `INSERT INTO attachments (message_id, name, type, size, original, path, refused, limit_bytes)`, b.attachments); err != nil {
		return err
	}
	return b.insertRows(ctx, `INSERT INTO message_terms (rowid, terms)`, b.terms)
}

// updateConversations writes the changed conversations. Those whose
// changes name the same columns share one UPDATE per chunk of rows, since
// each statement costs a round trip and a run of its own, and a column an
// UPDATE names fires the report triggers and moves the indexes over it even
// when its value stays.
func (b *batch) updateConversations(ctx context.Context) error {
	groups := map[string][][]any{}
	for _, c := range b.conversations {
		if c.isNew {
			continue
		}
		columns, values := c.changes(&c.stored)
		if len(columns) > 0 {
			key := strings.Join(columns, ",")
			groups[key] = append(groups[key], append([]any{c.id}, values...))
		}
	}
	for key, rows := range groups {
		columns := strings.Split(key, ",")
		set, marks := make([]string, len(columns)), []string{"CAST(? AS BIGINT)"}
		for i, column := range columns {
			set[i] = fmt.Sprintf("%s = v.column%d", column, i+2)
			if column == "last_message_at" {
				marks = append(marks, "CAST(? AS BIGINT)") // PostgreSQL takes an untyped VALUES column for text
			} else {
				marks = append(marks, "?")
			}
		}
		head := `UPDATE conversations SET ` + strings.Join(set, ", ") + ` FROM (VALUES `
		row := "(" + strings.Join(marks, ", ") + ")"
		for len(rows) > 0 {
			n := chunkRows(len(rows))
			args := make([]any, 0, n*len(rows[0]))
			for _, r := range rows[:n] {
				args = append(args, r...)
			}
			query := head + row + strings.Repeat(", "+row, n-1) + `) AS v WHERE conversations.id = v.column1`
			st, err := b.stmts.stmt(ctx, b.tx, query, len(args))
			if err != nil {
				return err
			}
			if _, err := st.ExecContext(ctx, args...); err != nil {
				return err
			}
			rows = rows[n:]
		}
	}
	return nil
}
