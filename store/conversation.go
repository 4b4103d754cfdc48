package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

const conversationColumns = `c.id, c.contact_id, c.channel, c.status, coalesce(c.team_id, 0), coalesce(t.name, ''),
	coalesce(c.owner_id, 0), coalesce(u.name, ''), i.display_name, i.handle, c.preview, c.visibility,
	c.last_message_at, c.created_at, c.language, c.sentiment, c.kind, c.topics, c.urgency,
	c.priority, c.tags, c.route, coalesce(c.sla_policy_id, 0), coalesce(p.name, ''), c.sla_goal, coalesce(c.sla_due, 0), c.sla_breached,
	c.sensitive
	FROM conversations c
	JOIN identities i ON i.id = c.identity_id
	LEFT JOIN teams t ON t.id = c.team_id
	LEFT JOIN users u ON u.id = c.owner_id
	LEFT JOIN sla_policies p ON p.id = c.sla_policy_id`

// scanConversation reads conversationColumns and then any extra columns into more.
func scanConversation(row interface{ Scan(...any) error }, more ...any) (*resonanz.Conversation, error) {
	var c resonanz.Conversation
	var last, created int64
	var topics, urgency, tags, route string
	var sla resonanz.SLAClock
	var due int64
	dest := append([]any{&c.ID, &c.ContactID, &c.Channel, &c.Status, &c.TeamID, &c.TeamName, &c.OwnerID, &c.OwnerName,
		&c.CustomerName, &c.CustomerHandle, &c.Preview, &c.Visibility, &last, &created,
		&c.Language, &c.Sentiment, &c.Kind, &topics, &urgency,
		&c.Priority, &tags, &route, &sla.PolicyID, &sla.PolicyName, &sla.Goal, &due, &sla.Breached, &c.Sensitive}, more...)
	err := row.Scan(dest...)
	if err != nil {
		return nil, err
	}
	c.Topics, c.Urgency, c.Tags = decodeTopics(topics), splitList(urgency), splitList(tags)
	if route != "" {
		if err := json.Unmarshal([]byte(route), &c.Route); err != nil {
			return nil, fmt.Errorf("conversation %d: route: %w", c.ID, err)
		}
	}
	if sla.PolicyID != 0 {
		if due != 0 {
			sla.Due = fromMillis(due)
		}
		sla.Paused = c.Status == resonanz.StatusWaiting
		c.SLA = &sla
	}
	if c.CustomerName == "" {
		c.CustomerName = c.CustomerHandle
	}
	c.LastMessageAt, c.CreatedAt = fromMillis(last), fromMillis(created)
	return &c, nil
}

// FindConversations returns one inbox page, newest first. Paging is by
// cursor, so every page is an index walk of Limit rows, however deep.
func (db *DB) FindConversations(ctx context.Context, f resonanz.ConversationFilter) (*resonanz.ConversationPage, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	q, args := db.inboxQuery(f)
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: find conversations: %w", err)
	}
	defer rows.Close()
	page := &resonanz.ConversationPage{}
	for rows.Next() {
		c, err := scanConversation(rows)
		if err != nil {
			return nil, fmt.Errorf("store: find conversations: %w", err)
		}
		page.Conversations = append(page.Conversations, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find conversations: %w", err)
	}
	if len(page.Conversations) > f.Limit {
		page.Conversations = page.Conversations[:f.Limit]
		last := page.Conversations[f.Limit-1]
		page.Next = &resonanz.Cursor{LastMessageAt: last.LastMessageAt, ID: last.ID}
		if f.ByDue {
			page.Next.LastMessageAt = last.SLA.Due
		}
	}
	return page, nil
}

// inboxQuery is the query of one inbox page, newest first or due first.
func (db *DB) inboxQuery(f resonanz.ConversationFilter) (string, []any) {
	where, args := db.inboxConditions(f)
	add := func(cond string, arg ...any) { where, args = append(where, cond), append(args, arg...) }
	order := ` ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`
	if f.ByDue {
		add("c.sla_due IS NOT NULL")
		order = ` ORDER BY c.sla_due, c.id LIMIT ?`
		if f.After != nil {
			add("(c.sla_due, c.id) > (?, ?)", millis(f.After.LastMessageAt), f.After.ID)
		}
	} else if f.After != nil {
		add("(c.last_message_at, c.id) < (?, ?)", millis(f.After.LastMessageAt), f.After.ID)
	}
	q := `SELECT ` + conversationColumns
	if f.OpenWork && f.Overdue {
		// The overdue are few: walking all open work in time order to find them reads it all.
		q = strings.Replace(q, "FROM conversations c", "FROM conversations c"+db.engine.indexedBy("conversations_open_due"), 1)
	}
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += order
	args = append(args, f.Limit+1)
	return q, args
}

// inboxConditions are the WHERE terms of an inbox filter, sort and paging aside.
func (db *DB) inboxConditions(f resonanz.ConversationFilter) (where []string, args []any) {
	add := func(cond string, arg ...any) { where, args = append(where, cond), append(args, arg...) }
	if f.Status != "" {
		add("c.status = ?", f.Status)
	}
	if f.OpenWork {
		add("c.open_work = 1") // see migration 0033
	}
	if f.Channel != "" {
		add("c.channel = ?", f.Channel)
	}
	if f.TeamID != 0 {
		add("c.team_id = ?", f.TeamID)
	}
	if f.OwnerID != 0 {
		add("c.owner_id = ?", f.OwnerID)
	}
	if f.Unassigned {
		add("c.owner_id IS NULL")
	}
	for column, value := range map[string]string{"c.kind": f.Kind, "c.sentiment": f.Sentiment, "c.language": f.Language} {
		if value != "" {
			add(column+" = ?", value)
		}
	}
	if f.Topic != "" {
		// contains is a cheap first test (names need no JSON escaping); json_each
		// decides exactly, so "_" and "%" are plain characters.
		add(db.engine.contains("c.topics", "?")+" AND EXISTS (SELECT 1 FROM "+db.engine.jsonValues("nullif(c.topics, '')")+" WHERE value = ?)", f.Topic, f.Topic)
	}
	if f.Urgent {
		add("c.urgency <> ''")
	}
	if f.Priority != "" {
		add("c.priority = ?", f.Priority)
	}
	if f.Overdue {
		add("c.sla_due < ?", millis(db.Now()))
	}
	if !f.CreatedFrom.IsZero() {
		add("c.created_at >= ?", millis(f.CreatedFrom))
	}
	if !f.CreatedBefore.IsZero() {
		add("c.created_at < ?", millis(f.CreatedBefore))
	}
	if f.VisibleTo != 0 {
		add(visibleCondition, visibleArgs(f.VisibleTo)...)
	}
	return where, args
}

// FindConversationByID returns one conversation, or ENOTFOUND.
func (db *DB) FindConversationByID(ctx context.Context, id int64) (*resonanz.Conversation, error) {
	return findConversationByID(ctx, db.read, id)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func findConversationByID(ctx context.Context, q queryer, id int64) (*resonanz.Conversation, error) {
	c, err := scanConversation(q.QueryRowContext(ctx, `SELECT `+conversationColumns+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Conversation %d not found.", id).Keyed("conversation.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: find conversation %d: %w", id, err)
	}
	return c, nil
}
