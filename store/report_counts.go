package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// ConversationCounts counts the period's conversations per slot, channel,
// kind and sentiment inside SQLite, from the report index alone: a week of
// a million messages is counted without handing each row to Go.
func (db *DB) ConversationCounts(ctx context.Context, f resonanz.ReportFilter, slot time.Duration) ([]resonanz.CountFact, error) {
	where, args := db.reportConditions(f, true)
	size := slot.Milliseconds()
	var counts []resonanz.CountFact
	err := db.eachRow(ctx, `SELECT c.created_at / ?, c.channel, c.kind, c.sentiment, count(*)
		FROM conversations c`+db.engine.indexedBy("conversations_report")+` WHERE `+strings.Join(where, " AND ")+` GROUP BY 1, 2, 3, 4`,
		func(rows *sql.Rows) error {
			var n int64
			var c resonanz.CountFact
			if err := rows.Scan(&n, &c.Channel, &c.Kind, &c.Sentiment, &c.Count); err != nil {
				return err
			}
			c.Slot = fromMillis(n * size)
			counts = append(counts, c)
			return nil
		}, append([]any{size}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: conversation counts: %w", err)
	}
	return counts, nil
}

// AnswerFacts returns, of the period's conversations answered, solved or
// with an answer-time goal, when they began, were answered and solved; the
// partial index of those alone (migration 0120) skips the rest of the period.
func (db *DB) AnswerFacts(ctx context.Context, f resonanz.ReportFilter) ([]resonanz.AnswerFact, error) {
	where, args := db.reportConditions(f, true)
	var facts []resonanz.AnswerFact
	err := db.eachRow(ctx, `SELECT c.created_at, coalesce(c.first_response_at, 0), coalesce(c.resolved_at, 0), coalesce(c.sla_policy_id, 0), c.sla_breached
		FROM conversations c`+db.engine.indexedBy("conversations_answers")+` WHERE `+strings.Join(where, " AND ")+`
		AND (c.first_response_at IS NOT NULL OR c.resolved_at IS NOT NULL OR c.sla_policy_id IS NOT NULL)`,
		func(rows *sql.Rows) error {
			var a resonanz.AnswerFact
			var created, first, resolved int64
			if err := rows.Scan(&created, &first, &resolved, &a.PolicyID, &a.Breached); err != nil {
				return err
			}
			(*answerTimes)(&a).set(created, first, resolved)
			facts = append(facts, a)
			return nil
		}, args...)
	if err != nil {
		return nil, fmt.Errorf("store: answer facts: %w", err)
	}
	return facts, nil
}
