package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

const promiseColumns = `p.id, p.conversation_id, p.text, p.due_at, p.owner_id, u.name, p.state, p.reason,
	coalesce(c.team_id, 0), coalesce(nullif(i.display_name, ''), i.handle), c.status,
	coalesce(p.reminded_at, 0), coalesce(p.escalated_at, 0), coalesce(p.closed_at, 0), p.created_at
	FROM promises p
	JOIN users u ON u.id = p.owner_id
	JOIN conversations c ON c.id = p.conversation_id
	JOIN identities i ON i.id = c.identity_id`

func scanPromise(row interface{ Scan(...any) error }) (*resonanz.Promise, error) {
	var p resonanz.Promise
	var due, reminded, escalated, closed, created int64
	if err := row.Scan(&p.ID, &p.ConversationID, &p.Text, &due, &p.OwnerID, &p.OwnerName, &p.State, &p.Reason,
		&p.TeamID, &p.CustomerName, &p.ConversationStatus, &reminded, &escalated, &closed, &created); err != nil {
		return nil, err
	}
	p.DueAt, p.CreatedAt = fromMillis(due), fromMillis(created)
	p.RemindedAt, p.EscalatedAt, p.ClosedAt = optMillis(reminded), optMillis(escalated), optMillis(closed)
	return &p, nil
}

// AddPromise records a promise in a conversation.
func (db *DB) AddPromise(ctx context.Context, p *resonanz.Promise, by *resonanz.User) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.change(ctx, p.ConversationID, func(tx *sql.Tx, c *resonanz.Conversation) error {
		owner, err := lookupName(ctx, tx, "users", p.OwnerID, "owner")
		if err != nil {
			return err
		}
		now := db.Now()
		p.State, p.OwnerName, p.CreatedAt = resonanz.PromiseOpen, owner, now.UTC()
		if err := tx.QueryRowContext(ctx, `INSERT INTO promises (conversation_id, text, due_at, owner_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, c.ID, p.Text, millis(p.DueAt), p.OwnerID, by.ID, millis(now)).Scan(&p.ID); err != nil {
			return err
		}
		params := resonanz.Params{"text": summary(p.Text, 80), "due": timeParam(millis(p.DueAt)), "owner": owner}
		return audit(ctx, tx, c.ID, by, resonanz.AuditPromiseAdded, params, millis(now))
	})
}

// FindPromises returns promises by due time, earliest first.
func (db *DB) FindPromises(ctx context.Context, f resonanz.PromiseFilter) ([]*resonanz.Promise, error) {
	return findPromises(ctx, db.read, f)
}

func findPromises(ctx context.Context, q queryer, f resonanz.PromiseFilter) ([]*resonanz.Promise, error) {
	if f.Limit <= 0 {
		f.Limit = 500
	}
	var where []string
	var args []any
	add := func(cond string, arg ...any) { where, args = append(where, cond), append(args, arg...) }
	if f.ConversationID != 0 {
		add("p.conversation_id = ?", f.ConversationID)
	}
	if f.ContactID != 0 {
		add("c.contact_id = ?", f.ContactID)
	}
	if f.OwnerID != 0 {
		add("p.owner_id = ?", f.OwnerID)
	}
	if f.TeamsOf != 0 {
		add("c.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)", f.TeamsOf)
	}
	if f.State != "" {
		add("p.state = ?", f.State)
	}
	if !f.DueBefore.IsZero() {
		add("p.due_at <= ?", millis(f.DueBefore))
	}
	if f.NotReminded {
		add("p.reminded_at IS NULL")
	}
	if f.NotEscalated {
		add("p.escalated_at IS NULL")
	}
	query := `SELECT ` + promiseColumns
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	list, err := collect(ctx, q, query+` ORDER BY p.due_at, p.id LIMIT ?`, append(args, f.Limit), scanPromise)
	if err != nil {
		return nil, fmt.Errorf("store: find promises: %w", err)
	}
	return list, nil
}

// FindPromise returns one promise, or ENOTFOUND.
func (db *DB) FindPromise(ctx context.Context, id int64) (*resonanz.Promise, error) {
	return findPromise(ctx, db.read, id)
}

func findPromise(ctx context.Context, q queryer, id int64) (*resonanz.Promise, error) {
	p, err := scanPromise(q.QueryRowContext(ctx, `SELECT `+promiseColumns+` WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Promise %d not found.", id).Keyed("promise.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: find promise %d: %w", id, err)
	}
	return p, nil
}

// optMillis reads a nullable time stored as 0 when absent.
func optMillis(ms int64) (t time.Time) {
	if ms == 0 {
		return t
	}
	return fromMillis(ms)
}
