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

const grantColumns = `g.id, g.conversation_id, g.contact_id, coalesce(nullif(i.display_name, ''), i.handle), g.kind, g.amount,
	g.reason, g.state, g.requested_by, r.name, coalesce(d.name, ''), g.decision_note,
	g.created_at, coalesce(g.decided_at, 0), coalesce(g.granted_at, 0)
	FROM goodwill_grants g
	JOIN conversations c ON c.id = g.conversation_id
	JOIN identities i ON i.id = c.identity_id
	JOIN users r ON r.id = g.requested_by
	LEFT JOIN users d ON d.id = g.decided_by`

func scanGrant(row interface{ Scan(...any) error }) (*resonanz.GoodwillGrant, error) {
	var g resonanz.GoodwillGrant
	var created, decided, granted int64
	if err := row.Scan(&g.ID, &g.ConversationID, &g.ContactID, &g.CustomerName, &g.Kind, &g.Amount, &g.Reason, &g.State,
		&g.RequestedByID, &g.RequestedBy, &g.DecidedBy, &g.DecisionNote, &created, &decided, &granted); err != nil {
		return nil, err
	}
	g.CreatedAt, g.DecidedAt, g.GrantedAt = fromMillis(created), optMillis(decided), optMillis(granted)
	return &g, nil
}

// FindGoodwillGrants returns grants, newest first.
func (db *DB) FindGoodwillGrants(ctx context.Context, f resonanz.GoodwillFilter) ([]*resonanz.GoodwillGrant, error) {
	if f.Limit <= 0 {
		f.Limit = 500
	}
	var where []string
	var args []any
	add := func(cond string, arg ...any) { where, args = append(where, cond), append(args, arg...) }
	if f.ConversationID != 0 {
		add("g.conversation_id = ?", f.ConversationID)
	}
	if f.ContactID != 0 {
		add("g.contact_id = ?", f.ContactID)
	}
	if f.State != "" {
		add("g.state = ?", f.State)
	}
	if !f.Since.IsZero() {
		add("coalesce(g.granted_at, g.created_at) >= ?", millis(f.Since))
	}
	query := `SELECT ` + grantColumns
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	list, err := collect(ctx, db.read, query+` ORDER BY g.id DESC LIMIT ?`, append(args, f.Limit), scanGrant)
	if err != nil {
		return nil, fmt.Errorf("store: find goodwill: %w", err)
	}
	return list, nil
}

func findGrant(ctx context.Context, q queryer, id int64) (*resonanz.GoodwillGrant, error) {
	g, err := scanGrant(q.QueryRowContext(ctx, `SELECT `+grantColumns+` WHERE g.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Goodwill request %d not found.", id).Keyed("goodwill.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: find goodwill %d: %w", id, err)
	}
	return g, nil
}

// customerUsed sums the goodwill of one kind a customer was granted within the policy's period.
func customerUsed(ctx context.Context, tx *sql.Tx, contactID int64, p *resonanz.GoodwillPolicy, now time.Time) (int64, error) {
	var used int64
	since := now.AddDate(0, 0, -p.PeriodDays)
	err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(amount), 0) FROM goodwill_grants
		WHERE contact_id = ? AND kind = ? AND state = 'granted' AND granted_at >= ?`, contactID, p.Kind, millis(since)).Scan(&used)
	return used, err
}

// approvers returns the enabled users who may approve amount under p, except the requester.
func approvers(ctx context.Context, tx *sql.Tx, p *resonanz.GoodwillPolicy, amount, requester int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, role FROM users WHERE disabled = 0 AND role IN ('admin', 'lead') AND id <> ? ORDER BY id`, requester)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var role string
		if err := rows.Scan(&id, &role); err != nil {
			return nil, err
		}
		if p.Covers(role, amount) {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}
