package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// routeEvent records, in the transaction of the change, something the router
// must take in.
func routeEvent(ctx context.Context, tx *sql.Tx, conversationID int64, kind string, at int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO route_events (conversation_id, kind, at) VALUES (?, ?, ?)`, conversationID, kind, at)
	return err
}

// RouterWake is signalled after a commit that left route events behind.
func (db *DB) RouterWake() <-chan struct{} { return db.routerWake }

func (db *DB) wakeRouter() {
	select {
	case db.routerWake <- struct{}{}:
	default:
	}
}

// PendingRoutes returns conversations with route events not yet taken in, oldest first.
func (db *DB) PendingRoutes(ctx context.Context, limit int) ([]*resonanz.PendingRoute, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, e.conversation_id, e.kind, e.at FROM route_events e
		WHERE e.conversation_id IN (SELECT conversation_id FROM route_events GROUP BY conversation_id ORDER BY min(id) LIMIT ?)
		ORDER BY e.id`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: pending routes: %w", err)
	}
	byID := map[int64]*resonanz.PendingRoute{}
	var list []*resonanz.PendingRoute
	for rows.Next() {
		var e resonanz.RouteEvent
		var convID, at int64
		if err := rows.Scan(&e.ID, &convID, &e.Kind, &at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: pending routes: %w", err)
		}
		e.At = fromMillis(at)
		p := byID[convID]
		if p == nil {
			p = &resonanz.PendingRoute{Conversation: &resonanz.Conversation{ID: convID}}
			byID[convID] = p
			list = append(list, p)
		}
		p.Events = append(p.Events, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: pending routes: %w", err)
	}
	for _, p := range list {
		if err := db.loadPendingRoute(ctx, p); err != nil {
			return nil, fmt.Errorf("store: pending route %d: %w", p.Conversation.ID, err)
		}
	}
	return list, nil
}

func (db *DB) loadPendingRoute(ctx context.Context, p *resonanz.PendingRoute) error {
	c, err := findConversationByID(ctx, db.read, p.Conversation.ID)
	if err != nil {
		return err
	}
	p.Conversation = c
	var clock string
	err = db.read.QueryRowContext(ctx, `SELECT k.vip, coalesce(c.sla_policy_id, 0), c.sla_clock,
		coalesce((SELECT text FROM messages WHERE conversation_id = c.id AND direction = 'in' ORDER BY sent_at DESC, id DESC LIMIT 1), ''),
		coalesce((SELECT o.owner_id FROM conversations o WHERE o.contact_id = c.contact_id AND o.id <> c.id AND o.owner_id IS NOT NULL
			ORDER BY o.last_message_at DESC LIMIT 1), 0)
		FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?`, c.ID).Scan(&p.VIP, &p.PolicyID, &clock, &p.Text, &p.PreviousOwner)
	if clock != "" {
		p.Clock = []byte(clock)
	}
	return err
}

// ApplyRoutes writes the router's decisions, with an audit entry for each, and
// schedules the timers of changed clocks, all in one transaction.
func (db *DB) ApplyRoutes(ctx context.Context, updates []*resonanz.RouteUpdate) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin routes: %w", err)
	}
	defer tx.Rollback()
	now := millis(db.Now())
	for _, u := range updates {
		if err := db.applyRoute(ctx, tx, u, now); err != nil {
			return fmt.Errorf("store: route conversation %d: %w", u.ConversationID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit routes: %w", err)
	}
	return nil
}

func (db *DB) applyRoute(ctx context.Context, tx *sql.Tx, u *resonanz.RouteUpdate, now int64) error {
	if u.Routed {
		d := &u.Decision
		route, err := json.Marshal(d.Matches)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET team_id = coalesce(?, team_id), priority = ?, tags = ?, route = ?
			WHERE id = ?`, nullID(d.TeamID), d.Priority, joinList(d.Tags), string(route), u.ConversationID); err != nil {
			return err
		}
		if err := audit(ctx, tx, u.ConversationID, nil, "route", routeSummary(d), now); err != nil {
			return err
		}
	}
	if u.AssignTo != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET owner_id = ? WHERE id = ?`, u.AssignTo, u.ConversationID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE teams SET last_assigned = ? WHERE id = (SELECT team_id FROM conversations WHERE id = ?)`,
			u.AssignTo, u.ConversationID); err != nil {
			return err
		}
		if err := audit(ctx, tx, u.ConversationID, nil, "assign", u.AssignReason, now); err != nil {
			return err
		}
	}
	if err := db.setClock(ctx, tx, u); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM route_events WHERE conversation_id = ? AND id <= ?`, u.ConversationID, u.LastEventID)
	return err
}

// setClock stores the conversation's clock; when its due time moved, the
// warning and breach are forgotten and new timers are scheduled.
func (db *DB) setClock(ctx context.Context, tx *sql.Tx, u *resonanz.RouteUpdate) error {
	var oldDue sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT sla_due FROM conversations WHERE id = ?`, u.ConversationID).Scan(&oldDue); err != nil {
		return err
	}
	var due any
	if !u.Due.IsZero() {
		due = millis(u.Due)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET sla_policy_id = ?, sla_clock = ?, sla_goal = ?, sla_due = ? WHERE id = ?`,
		nullID(u.PolicyID), string(u.Clock), u.Goal, due, u.ConversationID); err != nil {
		return err
	}
	if u.Due.IsZero() || (oldDue.Valid && oldDue.Int64 == millis(u.Due)) {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET sla_warned = 0, sla_breached = 0 WHERE id = ?`, u.ConversationID); err != nil {
		return err
	}
	return db.scheduleSLA(ctx, tx, u.ConversationID, u.Due, u.WarnAt)
}

func routeSummary(d *resonanz.RouteDecision) string {
	if len(d.Matches) == 0 {
		return "no rule matched; priority " + d.Priority
	}
	var parts []string
	for _, m := range d.Matches {
		parts = append(parts, m.RuleName+" ("+strings.Join(m.Reasons, ", ")+")")
	}
	return strings.Join(parts, "; ") + "; priority " + d.Priority
}

// OpenLoads returns how many open or waiting conversations each owner has.
func (db *DB) OpenLoads(ctx context.Context) (map[int64]int, error) {
	loads := map[int64]int{}
	err := db.eachRow(ctx, `SELECT u.id, (SELECT count(*) FROM conversations c WHERE c.owner_id = u.id AND c.status IN ('open', 'waiting'))
		FROM users u WHERE u.disabled = 0`, func(rows *sql.Rows) error {
		var id int64
		var n int
		err := rows.Scan(&id, &n)
		loads[id] = n
		return err
	})
	return loads, err
}

// TeamLastAssigned returns, per team, the member who got its last round-robin conversation.
func (db *DB) TeamLastAssigned(ctx context.Context) (map[int64]int64, error) {
	last := map[int64]int64{}
	err := db.eachRow(ctx, `SELECT id, coalesce(last_assigned, 0) FROM teams`, func(rows *sql.Rows) error {
		var team, user int64
		err := rows.Scan(&team, &user)
		last[team] = user
		return err
	})
	return last, err
}

// eachRow runs a read query and calls scan for every row.
func (db *DB) eachRow(ctx context.Context, query string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("store: %w", err)
		}
	}
	return rows.Err()
}
