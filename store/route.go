package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

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

// pendingWindow is how many of the oldest route events, per conversation
// asked for, PendingRoutes looks at to find the conversations to take in.
const pendingWindow = 4

// PendingRoutes returns conversations with route events not yet taken in,
// oldest first. It finds them among the oldest events only, so that a pass
// costs the same however far the router is behind; when those events belong
// to fewer conversations than limit, it returns fewer.
func (db *DB) PendingRoutes(ctx context.Context, limit int) ([]*resonanz.PendingRoute, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, e.conversation_id, e.kind, e.at FROM route_events e
		WHERE e.conversation_id IN (SELECT conversation_id FROM (SELECT id, conversation_id FROM route_events ORDER BY id LIMIT ?) oldest
			GROUP BY conversation_id ORDER BY min(id) LIMIT ?)
		ORDER BY e.id`, pendingWindow*limit, limit)
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
	if err := db.loadPendingRoutes(ctx, byID); err != nil {
		return nil, fmt.Errorf("store: pending routes: %w", err)
	}
	return list, nil
}

// loadPendingRoutes reads the conversations of pending routes, with what
// routing needs beyond them, in one query. The contact's previous owner is
// ordered by "last_message_at + 0" so that no planner walks the inbox index
// in time order to find one contact's few conversations: PostgreSQL did,
// without statistics, reading every conversation for each one routed.
func (db *DB) loadPendingRoutes(ctx context.Context, byID map[int64]*resonanz.PendingRoute) error {
	ids := make([]any, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+strings.Replace(conversationColumns, "\n\tFROM conversations c", `,
		k.vip, c.sla_clock,
		coalesce((SELECT text FROM messages WHERE conversation_id = c.id AND direction = 'in' ORDER BY sent_at DESC, id DESC LIMIT 1), ''),
		coalesce((SELECT o.owner_id FROM conversations o WHERE o.contact_id = c.contact_id AND o.id <> c.id AND o.owner_id IS NOT NULL
			ORDER BY o.last_message_at + 0 DESC LIMIT 1), 0)
		FROM conversations c JOIN contacts k ON k.id = c.contact_id`, 1)+` WHERE c.id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var vip bool
		var clock, text string
		var previous int64
		c, err := scanConversation(rows, &vip, &clock, &text, &previous)
		if err != nil {
			return err
		}
		p := byID[c.ID]
		p.Conversation, p.VIP, p.Text, p.PreviousOwner = c, vip, text, previous
		if c.SLA != nil {
			p.PolicyID = c.SLA.PolicyID
		}
		if clock != "" {
			p.Clock = []byte(clock)
		}
	}
	return rows.Err()
}

// ApplyRoutes writes the router's decisions, with an audit entry for each, and
// schedules the timers of changed clocks, all in one transaction.
func (db *DB) ApplyRoutes(ctx context.Context, updates []*resonanz.RouteUpdate) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin routes: %w", err)
	}
	defer tx.Rollback()
	now := millis(db.Now())
	var jobs []resonanz.Job
	for _, u := range updates {
		more, err := db.applyRoute(ctx, tx, u, now)
		if err != nil {
			return fmt.Errorf("store: route conversation %d: %w", u.ConversationID, err)
		}
		jobs = append(jobs, more...)
	}
	if err := db.queue(ctx, tx, jobs...); err != nil {
		return fmt.Errorf("store: schedule timers: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit routes: %w", err)
	}
	db.writeStmts.learn(ctx)
	return nil
}

// applyRoute writes one decision and returns the timers to schedule for it.
// The conversation's columns change in one statement, so that its indexes
// and report rollups move once; every statement is prepared once per shape.
func (db *DB) applyRoute(ctx context.Context, tx *sql.Tx, u *resonanz.RouteUpdate, now int64) ([]resonanz.Job, error) {
	exec := func(query string, args ...any) (sql.Result, error) {
		return db.writeStmts.exec(ctx, tx, query, args...)
	}
	set := []string{"sla_policy_id = ?", "sla_clock = ?", "sla_goal = ?"}
	args := []any{nullID(u.PolicyID), string(u.Clock), u.Goal}
	d := &u.Decision
	var route []byte
	if u.Routed {
		var err error
		if route, err = json.Marshal(d.Matches); err != nil {
			return nil, err
		}
		set = append(set, "team_id = coalesce(?, team_id)", "priority = ?", "tags = ?", "route = ?")
		args = append(args, nullID(d.TeamID), d.Priority, joinList(d.Tags), string(route))
	}
	if u.AssignTo != 0 {
		set, args = append(set, "owner_id = ?"), append(args, u.AssignTo)
	}
	if _, err := exec(`UPDATE conversations SET `+strings.Join(set, ", ")+` WHERE id = ?`, append(args, u.ConversationID)...); err != nil {
		return nil, err
	}
	if u.Routed {
		if err := audit(ctx, tx, u.ConversationID, nil, routeKind(d), routeParams(d), now); err != nil {
			return nil, err
		}
	}
	if u.AssignTo != 0 {
		if _, err := exec(`UPDATE teams SET last_assigned = ? WHERE id = (SELECT team_id FROM conversations WHERE id = ?)`,
			u.AssignTo, u.ConversationID); err != nil {
			return nil, err
		}
		owner, err := lookupName(ctx, tx, "users", u.AssignTo, "owner")
		if err != nil {
			return nil, err
		}
		params := resonanz.Params{"owner": owner}
		if u.AssignReason == resonanz.AuditAssignRule && len(d.Matches) > 0 {
			params["rule"] = d.Matches[len(d.Matches)-1].RuleName
		}
		if err := audit(ctx, tx, u.ConversationID, nil, u.AssignReason, params, now); err != nil {
			return nil, err
		}
	}
	jobs, err := db.moveDue(ctx, tx, u, fromMillis(now))
	if err != nil {
		return nil, err
	}
	_, err = exec(`DELETE FROM route_events WHERE conversation_id = ? AND id <= ?`, u.ConversationID, u.LastEventID)
	return jobs, err
}

// moveDue stores the conversation's due time; when it moved, the warning
// and breach are forgotten and it returns the new timers.
func (db *DB) moveDue(ctx context.Context, tx *sql.Tx, u *resonanz.RouteUpdate, now time.Time) ([]resonanz.Job, error) {
	var due any
	if !u.Due.IsZero() {
		due = millis(u.Due)
	}
	res, err := db.writeStmts.exec(ctx, tx, `UPDATE conversations SET sla_due = ?, sla_warned = 0, sla_breached = 0
		WHERE id = ? AND sla_due IS DISTINCT FROM ?`, due, u.ConversationID, due)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 || u.Due.IsZero() {
		return nil, nil
	}
	return slaJobs(u.ConversationID, u.Due, u.WarnAt, now), nil
}

// routeKind and routeParams are the audit entry of a routing decision; the
// reasons of each rule stay with the conversation (route).
func routeKind(d *resonanz.RouteDecision) string {
	if len(d.Matches) == 0 {
		return resonanz.AuditRouteNone
	}
	return resonanz.AuditRoute
}

func routeParams(d *resonanz.RouteDecision) resonanz.Params {
	var names []string
	for _, m := range d.Matches {
		names = append(names, m.RuleName)
	}
	return resonanz.Params{"rules": strings.Join(names, ", "), "priority": d.Priority}
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
