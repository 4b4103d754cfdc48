package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/resonanz/resonanz"
)

// FireSLA loads what a conversation's SLA timer finds, lets decide (the
// route package's policy) say who is told and whether the conversation goes
// back to its team, and records that, in one transaction.
func (db *DB) FireSLA(ctx context.Context, t resonanz.SLATimerJob, decide func(resonanz.SLAFiring) resonanz.SLAOutcome) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin sla timer: %w", err)
	}
	defer tx.Rollback()
	f, c, err := loadSLAFiring(ctx, tx, t)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return fmt.Errorf("store: sla timer: %w", err)
	}
	out := decide(f)
	if out.Stale {
		return nil
	}
	if err := db.recordSLA(ctx, tx, t, c, out); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit sla timer: %w", err)
	}
	db.wakeRouter()
	return nil
}

// slaFacts are what a firing timer's news says about the conversation.
type slaFacts struct {
	due                   int64
	goal, policy, preview string
}

// loadSLAFiring reads the conversation's clock, owner, policy and the leads
// who would hear of it.
func loadSLAFiring(ctx context.Context, tx *sql.Tx, t resonanz.SLATimerJob) (resonanz.SLAFiring, slaFacts, error) {
	f := resonanz.SLAFiring{Warn: t.Warn, SetFor: fromMillis(t.Due)}
	var c slaFacts
	var team int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce(c.sla_due, 0), coalesce(c.owner_id, 0), coalesce(c.team_id, 0), c.sla_goal,
		c.preview, c.sla_warned, c.sla_breached, coalesce(p.reassign, 0), coalesce(p.name, '')
		FROM conversations c LEFT JOIN sla_policies p ON p.id = c.sla_policy_id WHERE c.id = ?`, t.ConversationID).
		Scan(&c.due, &f.Owner, &team, &c.goal, &c.preview, &f.Warned, &f.Breached, &f.Reassign, &c.policy)
	if err != nil {
		return f, c, err
	}
	if c.due != 0 {
		f.Due = fromMillis(c.due)
	}
	f.Leads, err = teamLeads(ctx, tx, team)
	return f, c, err
}

// recordSLA marks the warning or breach as told, notifies whom the outcome
// names, and writes the conversation's trail.
func (db *DB) recordSLA(ctx context.Context, tx *sql.Tx, t resonanz.SLATimerJob, c slaFacts, out resonanz.SLAOutcome) error {
	now := db.Now()
	kind, params := resonanz.NotifySLABreach, resonanz.Params{"goal": c.goal, "policy": c.policy}
	var err error
	if t.Warn {
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET sla_warned = 1 WHERE id = ?`, t.ConversationID)
		kind, params["due"] = resonanz.NotifySLAWarning, timeParam(c.due)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET sla_breached = 1 WHERE id = ?`, t.ConversationID)
	}
	if err != nil {
		return fmt.Errorf("store: sla timer: %w", err)
	}
	notice := resonanz.Params{"preview": c.preview}
	for k, v := range params {
		notice[k] = v
	}
	for _, user := range out.Tell {
		n := resonanz.Notification{UserID: user, Kind: kind, Params: notice, ConversationID: t.ConversationID, CreatedAt: now}
		if err := notify(ctx, tx, &n); err != nil {
			return err
		}
	}
	if err := auditBreach(ctx, tx, t, out.Reassign, params, millis(now)); err != nil {
		return fmt.Errorf("store: sla timer: %w", err)
	}
	return nil
}

// auditBreach records a warning or breach in the conversation's trail and,
// when reassign is set, takes the conversation from its owner so that the
// router gives it to the next available member of the team.
func auditBreach(ctx context.Context, tx *sql.Tx, t resonanz.SLATimerJob, reassign bool, params resonanz.Params, now int64) error {
	if t.Warn {
		return audit(ctx, tx, t.ConversationID, nil, resonanz.AuditSLAWarning, params, now)
	}
	if err := audit(ctx, tx, t.ConversationID, nil, resonanz.AuditSLABreach, params, now); err != nil {
		return err
	}
	if !reassign {
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
