package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/resonanz/resonanz"
)

// fireSLA warns the owner before a goal is missed, and at the breach tells the
// owner and the team's leads and, when the policy says so, gives the
// conversation back to the team. A timer whose clock has moved does nothing,
// and each warning and breach is told once.
func (db *DB) fireSLA(ctx context.Context, t slaTimer) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin sla timer: %w", err)
	}
	defer tx.Rollback()
	var c struct {
		due, owner, team        int64
		goal, status, preview   string
		warned, breached, again bool
		policy                  string
	}
	err = tx.QueryRowContext(ctx, `SELECT coalesce(c.sla_due, 0), coalesce(c.owner_id, 0), coalesce(c.team_id, 0), c.sla_goal, c.status,
		c.preview, c.sla_warned, c.sla_breached, coalesce(p.reassign, 0), coalesce(p.name, '')
		FROM conversations c LEFT JOIN sla_policies p ON p.id = c.sla_policy_id WHERE c.id = ?`, t.ConversationID).
		Scan(&c.due, &c.owner, &c.team, &c.goal, &c.status, &c.preview, &c.warned, &c.breached, &c.again, &c.policy)
	if err == sql.ErrNoRows || c.due != t.Due || (t.Warn && (c.warned || c.breached)) || (!t.Warn && c.breached) {
		return nil
	} else if err != nil {
		return fmt.Errorf("store: sla timer: %w", err)
	}
	now := db.Now()
	var recipients []int64
	if c.owner != 0 {
		recipients = []int64{c.owner}
	}
	kind, params := resonanz.NotifySLABreach, resonanz.Params{"goal": c.goal, "policy": c.policy}
	if t.Warn {
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET sla_warned = 1 WHERE id = ?`, t.ConversationID)
		kind, params["due"] = resonanz.NotifySLAWarning, timeParam(c.due)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET sla_breached = 1 WHERE id = ?`, t.ConversationID)
	}
	if err != nil {
		return fmt.Errorf("store: sla timer: %w", err)
	}
	if !t.Warn || c.owner == 0 {
		leads, err := teamLeads(ctx, tx, c.team)
		if err != nil {
			return fmt.Errorf("store: sla timer: %w", err)
		}
		recipients = appendNew(recipients, leads...)
	}
	notice := resonanz.Params{"preview": c.preview}
	for k, v := range params {
		notice[k] = v
	}
	for _, user := range recipients {
		n := resonanz.Notification{UserID: user, Kind: kind, Params: notice, ConversationID: t.ConversationID, CreatedAt: now}
		if err := notify(ctx, tx, &n); err != nil {
			return err
		}
	}
	if err := db.auditBreach(ctx, tx, t, c.again, c.owner, params, millis(now)); err != nil {
		return fmt.Errorf("store: sla timer: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit sla timer: %w", err)
	}
	db.wakeRouter()
	return nil
}

// auditBreach records a breach in the conversation's trail and, when reassign
// is set, takes the conversation from its owner so that the router gives it
// to the next available member of the team.
func (db *DB) auditBreach(ctx context.Context, tx *sql.Tx, t slaTimer, reassign bool, owner int64, params resonanz.Params, now int64) error {
	if t.Warn {
		return audit(ctx, tx, t.ConversationID, nil, resonanz.AuditSLAWarning, params, now)
	}
	if err := audit(ctx, tx, t.ConversationID, nil, resonanz.AuditSLABreach, params, now); err != nil {
		return err
	}
	if !reassign || owner == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET owner_id = NULL WHERE id = ?`, t.ConversationID); err != nil {
		return err
	}
	if err := audit(ctx, tx, t.ConversationID, nil, resonanz.AuditAssignBreach, nil, now); err != nil {
		return err
	}
	return routeEvent(ctx, tx, t.ConversationID, resonanz.RouteUnassigned, now)
}

// teamLeads returns the leads among a team's members, or every lead and admin
// when the team has none (or there is no team).
func teamLeads(ctx context.Context, tx *sql.Tx, team int64) ([]int64, error) {
	var ids []int64
	for _, q := range []string{
		`SELECT u.id FROM users u JOIN team_members m ON m.user_id = u.id WHERE m.team_id = ? AND u.role = 'lead' AND u.disabled = 0 ORDER BY u.id`,
		`SELECT id FROM users WHERE role IN ('lead', 'admin') AND disabled = 0 AND ? >= 0 ORDER BY id`,
	} {
		rows, err := tx.QueryContext(ctx, q, team)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) > 0 {
			break
		}
	}
	return ids, nil
}

func appendNew(ids []int64, more ...int64) []int64 {
	for _, id := range more {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}
