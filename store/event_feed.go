package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/resonanz/resonanz"
)

// factQueries read each source of event facts after its cursor. Only the
// audit kinds and alert steps that some event is made of are read. The
// engine writes JSON_OBJECT in its own way (jsonObjects).
var factQueries = map[string]string{
	resonanz.EventSourceMessage: `SELECT m.id, '', m.conversation_id, m.id, 0, '',
			JSON_OBJECT('channel', m.channel, 'author', m.author_name, 'handle', coalesce(i.handle, ''), 'text', m.text, 'visibility', m.visibility),
			m.created_at
		FROM messages m LEFT JOIN identities i ON i.id = m.identity_id
		WHERE m.id > ? AND m.direction = 'in' ORDER BY m.id LIMIT ?`,
	resonanz.EventSourceAudit: `SELECT e.id, e.kind, e.conversation_id, 0, 0, coalesce(u.name, ''), e.params, e.created_at
		FROM audit_events e LEFT JOIN users u ON u.id = e.user_id
		WHERE e.id > ? AND e.kind IN ('assign', 'assign.previous', 'assign.round_robin', 'assign.rule', 'handover', 'status',
			'sla.breach', 'promise.reminded', 'promise.broken') ORDER BY e.id LIMIT ?`,
	resonanz.EventSourceAlert: `SELECT e.id, e.kind, 0, 0, e.alert_id, coalesce(u.name, ''), e.params, e.created_at
		FROM alert_events e LEFT JOIN users u ON u.id = e.user_id
		WHERE e.id > ? AND e.kind IN ('raised', 'escalated', 'resolved', 'quiet') ORDER BY e.id LIMIT ?`,
}

// EventFacts returns up to limit facts of each source after its cursor,
// and the cursors they were read from. The cursor of a source moves past
// rows that are no fact too, so that they are not read again.
func (db *DB) EventFacts(ctx context.Context, limit int) ([]*resonanz.EventFact, map[string]int64, error) {
	cursors, err := db.eventCursors(ctx)
	if err != nil {
		return nil, nil, err
	}
	var facts []*resonanz.EventFact
	for source, query := range factQueries {
		query = db.engine.jsonObjects(query)
		list, err := collect(ctx, db.read, query, []any{cursors[source], limit}, func(row interface{ Scan(...any) error }) (*resonanz.EventFact, error) {
			f := &resonanz.EventFact{Source: source}
			var params paramsColumn
			var at int64
			if err := row.Scan(&f.ID, &f.Kind, &f.ConversationID, &f.MessageID, &f.AlertID, &f.UserName, &params, &at); err != nil {
				return nil, err
			}
			f.Params, f.At = resonanz.Params(params), fromMillis(at)
			return f, nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("store: event facts of %s: %w", source, err)
		}
		facts = append(facts, list...)
	}
	return facts, cursors, nil
}

func (db *DB) eventCursors(ctx context.Context) (map[string]int64, error) {
	cursors := map[string]int64{}
	err := db.eachRow(ctx, `SELECT source, last_id FROM event_cursors`, func(rows *sql.Rows) error {
		var source string
		var id int64
		if err := rows.Scan(&source, &id); err != nil {
			return err
		}
		cursors[source] = id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: event cursors: %w", err)
	}
	return cursors, nil
}

// factTables name the table each source of event facts reads.
var factTables = map[string]string{
	resonanz.EventSourceMessage: "messages",
	resonanz.EventSourceAudit:   "audit_events",
	resonanz.EventSourceAlert:   "alert_events",
}

// noLiveSubscription holds while every subscription is deleted.
const noLiveSubscription = `NOT EXISTS (SELECT 1 FROM event_subscriptions WHERE deleted_at IS NULL)`

// newestFact is the id of the newest row of a cursor's source, in a query
// over event_cursors c.
var newestFact = func() string {
	q := `CASE c.source`
	for source, table := range factTables {
		q += ` WHEN '` + source + `' THEN (SELECT coalesce(max(id), 0) FROM ` + table + `)`
	}
	return q + ` ELSE 0 END`
}()

// SkipUnheardEvents moves every cursor past its source's newest row while no
// subscription is live, and reports whether none was: then no event is for
// anybody, and its facts need not be read. The move is written only when a
// cursor is behind, and only if still no subscription is live.
func (db *DB) SkipUnheardEvents(ctx context.Context) (bool, error) {
	unheard, behind := false, map[string]int64{} // source → its newest row, past the cursor
	err := db.eachRow(ctx, `SELECT c.source, c.last_id, `+newestFact+` FROM event_cursors c WHERE `+noLiveSubscription, func(rows *sql.Rows) error {
		var source string
		var cursor, newest int64
		if err := rows.Scan(&source, &cursor, &newest); err != nil {
			return err
		}
		if unheard = true; cursor < newest {
			behind[source] = newest
		}
		return nil
	})
	if err != nil || len(behind) == 0 {
		return unheard, err
	}
	return true, db.inTx(ctx, "skip unheard events", func(tx *sql.Tx) error {
		for source, newest := range behind {
			if _, err := tx.ExecContext(ctx, `UPDATE event_cursors SET last_id = ? WHERE source = ? AND last_id < ? AND `+noLiveSubscription,
				newest, source, newest); err != nil {
				return err
			}
		}
		return nil
	})
}

// QueueEvents queues one delivery of each event for every subscription that
// wants it and was made before the event, and moves the cursors from read
// to next, in one transaction: an event is queued exactly once, also when
// resonanz stops in between.
func (db *DB) QueueEvents(ctx context.Context, events []*resonanz.EventOut, read, next map[string]int64) error {
	return db.inTx(ctx, "queue events", func(tx *sql.Tx) error {
		for source, to := range next {
			res, err := tx.ExecContext(ctx, `UPDATE event_cursors SET last_id = ? WHERE source = ? AND last_id = ?`, to, source, read[source])
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return resonanz.Errorf(resonanz.ECONFLICT, "The events of %s were queued meanwhile.", source)
			}
		}
		subs, err := collect(ctx, tx, `SELECT `+subscriptionColumns+` WHERE deleted_at IS NULL`, nil, scanSubscription)
		if err != nil {
			return err
		}
		var jobs []resonanz.Job
		for _, e := range events {
			for _, s := range subs {
				if !s.Wants(e.Kind) || e.At.Before(s.CreatedAt) {
					continue
				}
				var id int64
				if err := tx.QueryRowContext(ctx, `INSERT INTO event_deliveries (subscription_id, event, event_id, payload, state, created_at)
					VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, s.ID, e.Kind, e.ID, string(e.Payload), resonanz.DeliveryPending,
					millis(db.Now())).Scan(&id); err != nil {
					return err
				}
				jobs = append(jobs, resonanz.Job{Args: resonanz.EventJob{DeliveryID: id}})
			}
		}
		return db.queue(ctx, tx, jobs...)
	})
}
