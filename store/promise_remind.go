package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// MarkPromiseReminded records that an open promise's owner was reminded,
// together with the notifications, so that a reminder is sent exactly once.
func (db *DB) MarkPromiseReminded(ctx context.Context, id int64, at time.Time, notes []*resonanz.Notification) (bool, error) {
	return db.markPromise(ctx, id, at, notes, resonanz.AuditPromiseReminded, `UPDATE promises SET reminded_at = ?1
		WHERE id = ?2 AND state = 'open' AND reminded_at IS NULL`)
}

// MarkPromiseEscalated records that an overdue promise was escalated (which
// reminds the owner as well), together with the notifications.
func (db *DB) MarkPromiseEscalated(ctx context.Context, id int64, at time.Time, notes []*resonanz.Notification) (bool, error) {
	return db.markPromise(ctx, id, at, notes, resonanz.AuditPromiseEscalated, `UPDATE promises SET escalated_at = ?1, reminded_at = coalesce(reminded_at, ?1)
		WHERE id = ?2 AND state = 'open' AND escalated_at IS NULL`)
}

func (db *DB) markPromise(ctx context.Context, id int64, at time.Time, notes []*resonanz.Notification, kind, update string) (bool, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return false, fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, update, millis(at), id)
	if err != nil {
		return false, fmt.Errorf("store: mark promise %d %s: %w", id, kind, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	p, err := findPromise(ctx, tx, id)
	if err != nil {
		return false, err
	}
	for _, n := range notes {
		n.CreatedAt = at
		if err := notify(ctx, tx, n); err != nil {
			return false, err
		}
	}
	// The reminder acts on its own: the audit event has no user.
	params := resonanz.Params{"count": strconv.Itoa(len(notes)), "text": summary(p.Text, 80)}
	if err := audit(ctx, tx, p.ConversationID, nil, kind, params, millis(at)); err != nil {
		return false, fmt.Errorf("store: audit promise %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: commit promise %d %s: %w", id, kind, err)
	}
	return true, nil
}

// FindLeads returns the enabled leads of a team. When teamID is 0 or the
// team has no lead, it returns all enabled leads, and when there is no lead
// at all, the admins: an escalation must reach someone.
func (db *DB) FindLeads(ctx context.Context, teamID int64) ([]*resonanz.User, error) {
	queries := []struct {
		query string
		args  []any
	}{
		{`SELECT ` + userColumns + ` WHERE role = 'lead' AND disabled = 0
			AND id IN (SELECT user_id FROM team_members WHERE team_id = ?) ORDER BY id`, []any{teamID}},
		{`SELECT ` + userColumns + ` WHERE role = 'lead' AND disabled = 0 ORDER BY id`, nil},
		{`SELECT ` + userColumns + ` WHERE role = 'admin' AND disabled = 0 ORDER BY id`, nil},
	}
	if teamID == 0 {
		queries = queries[1:]
	}
	for _, q := range queries {
		users, err := db.findUsersWhere(ctx, q.query, q.args...)
		if err != nil || len(users) > 0 {
			return users, err
		}
	}
	return nil, nil
}

func (db *DB) findUsersWhere(ctx context.Context, query string, args ...any) ([]*resonanz.User, error) {
	users, err := collect(ctx, db.read, query, args, scanUser)
	if err != nil {
		return nil, fmt.Errorf("store: find leads: %w", err)
	}
	return users, nil
}
