package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// reportConditions are the WHERE terms of a report filter on conversations c;
// the period only when withPeriod. The topic test is the inbox's, so that a
// report's count and the inbox it links to agree.
func (db *DB) reportConditions(f resonanz.ReportFilter, withPeriod bool) (where []string, args []any) {
	if withPeriod {
		where, args = []string{"c.created_at >= ? AND c.created_at < ?"}, []any{millis(f.From), millis(f.To)}
	}
	if f.Topic != "" {
		where = append(where, db.engine.contains("c.topics", "?")+" AND EXISTS (SELECT 1 FROM "+db.engine.jsonValues("nullif(c.topics, '')")+" WHERE value = ?)")
		args = append(args, f.Topic, f.Topic)
	}
	return filterConditions(f, "c", where, args)
}

// filterConditions adds to where and args the terms of a report filter's
// channel, team, owner and language on the columns of table alias.
func filterConditions(f resonanz.ReportFilter, alias string, where []string, args []any) ([]string, []any) {
	add := func(column string, arg any) {
		where, args = append(where, alias+"."+column+" = ?"), append(args, arg)
	}
	if f.Channel != "" {
		add("channel", f.Channel)
	}
	if f.TeamID != 0 {
		add("team_id", f.TeamID)
	}
	if f.OwnerID != 0 {
		add("owner_id", f.OwnerID)
	}
	if f.Language != "" {
		add("language", f.Language)
	}
	return where, args
}

// ConversationFacts returns the conversations created in the filter's
// period, read from the report index alone (migration 0100).
func (db *DB) ConversationFacts(ctx context.Context, f resonanz.ReportFilter) ([]resonanz.ConversationFact, error) {
	where, args := db.reportConditions(f, true)
	q := `SELECT c.id, c.created_at, c.channel, c.kind, c.sentiment, c.language, coalesce(c.team_id, 0), coalesce(c.owner_id, 0),
		c.status, coalesce(c.first_response_at, 0), coalesce(c.resolved_at, 0), coalesce(c.sla_policy_id, 0), c.sla_breached, c.topics
		FROM conversations c` + db.engine.indexedBy("conversations_report") + ` WHERE ` + strings.Join(where, " AND ")
	var facts []resonanz.ConversationFact
	err := db.eachRow(ctx, q, func(rows *sql.Rows) error {
		var c resonanz.ConversationFact
		var created, first, resolved int64
		var topics string
		if err := rows.Scan(&c.ID, &created, &c.Channel, &c.Kind, &c.Sentiment, &c.Language, &c.TeamID, &c.OwnerID,
			&c.Status, &first, &resolved, &c.PolicyID, &c.Breached, &topics); err != nil {
			return err
		}
		c.Topics = decodeTopics(topics)
		(*answerTimes)(&c.AnswerFact).set(created, first, resolved)
		facts = append(facts, c)
		return nil
	}, args...)
	if err != nil {
		return nil, fmt.Errorf("store: conversation facts: %w", err)
	}
	return facts, nil
}

// TopicTally counts, per topic, the conversations created in the period.
func (db *DB) TopicTally(ctx context.Context, f resonanz.ReportFilter) (map[string]int, error) {
	where, args := db.reportConditions(f, true)
	tally := map[string]int{}
	err := db.eachRow(ctx, `SELECT c.topics, count(*) FROM conversations c`+db.engine.indexedBy("conversations_report")+`
		WHERE `+strings.Join(where, " AND ")+` AND c.topics <> '' GROUP BY c.topics`, func(rows *sql.Rows) error {
		var topics string
		var n int
		if err := rows.Scan(&topics, &n); err != nil {
			return err
		}
		for _, t := range decodeTopics(topics) {
			tally[t] += n
		}
		return nil
	}, args...)
	if err != nil {
		return nil, fmt.Errorf("store: topic tally: %w", err)
	}
	return tally, nil
}

// OpenWorkBefore counts the open work now created before each moment, and
// all of it, in one walk of the open work's age index (migration 0100).
func (db *DB) OpenWorkBefore(ctx context.Context, f resonanz.ReportFilter, moments []time.Time) ([]int, time.Time, error) {
	where, args := db.reportConditions(f, false)
	cols := make([]string, 0, len(moments)+2)
	var colArgs []any
	for _, m := range moments {
		cols = append(cols, "count(CASE WHEN c.created_at < ? THEN 1 END)")
		colArgs = append(colArgs, millis(m))
	}
	cols = append(cols, "count(*)", "coalesce(min(c.created_at), 0)")
	q := `SELECT ` + strings.Join(cols, ", ") + ` FROM conversations c` + db.engine.indexedBy("conversations_open_age") + ` WHERE ` +
		strings.Join(append([]string{"c.open_work = 1"}, where...), " AND ")
	counts := make([]int, len(moments)+1)
	var oldest int64
	dest := make([]any, 0, len(counts)+1)
	for i := range counts {
		dest = append(dest, &counts[i])
	}
	if err := db.read.QueryRowContext(ctx, q, append(colArgs, args...)...).Scan(append(dest, &oldest)...); err != nil {
		return nil, time.Time{}, fmt.Errorf("store: open work ages: %w", err)
	}
	if oldest == 0 {
		return counts, time.Time{}, nil
	}
	return counts, fromMillis(oldest), nil
}

// PromiseTally counts the promises of the filter's conversations kept or
// broken in the period, and those open and past due at now.
func (db *DB) PromiseTally(ctx context.Context, f resonanz.ReportFilter, now time.Time) (resonanz.PromiseTally, error) {
	where, args := db.reportConditions(f, false)
	cond := ""
	if len(where) > 0 {
		cond = " AND " + strings.Join(where, " AND ")
	}
	var t resonanz.PromiseTally
	err := db.read.QueryRowContext(ctx, `SELECT
		count(CASE WHEN p.state = 'kept' AND p.closed_at >= ? AND p.closed_at < ? THEN 1 END),
		count(CASE WHEN p.state = 'broken' AND p.closed_at >= ? AND p.closed_at < ? THEN 1 END),
		count(CASE WHEN p.state = 'open' AND p.due_at < ? THEN 1 END)
		FROM promises p CROSS JOIN conversations c
		WHERE c.id = p.conversation_id AND (p.state = 'open' OR p.closed_at >= ?)`+cond,
		append([]any{millis(f.From), millis(f.To), millis(f.From), millis(f.To), millis(now), millis(f.From)}, args...)...).
		Scan(&t.Kept, &t.Broken, &t.Overdue)
	if err != nil {
		return t, fmt.Errorf("store: promise tally: %w", err)
	}
	return t, nil
}

// GoodwillTally sums the goodwill granted in the period to the filter's conversations.
func (db *DB) GoodwillTally(ctx context.Context, f resonanz.ReportFilter) (resonanz.GoodwillTally, error) {
	where, args := db.reportConditions(f, false)
	where = append([]string{"g.state = 'granted' AND g.granted_at >= ? AND g.granted_at < ?"}, where...)
	var t resonanz.GoodwillTally
	err := db.read.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(g.amount), 0)
		FROM goodwill_grants g CROSS JOIN conversations c WHERE c.id = g.conversation_id AND `+strings.Join(where, " AND "),
		append([]any{millis(f.From), millis(f.To)}, args...)...).Scan(&t.Grants, &t.Amount)
	if err != nil {
		return t, fmt.Errorf("store: goodwill tally: %w", err)
	}
	return t, nil
}

// SurveyTally sums up the surveys answered in the filter's period about
// its conversations (created at any time).
func (db *DB) SurveyTally(ctx context.Context, f resonanz.ReportFilter) (resonanz.SurveyTally, error) {
	where, args := db.reportConditions(f, false)
	where = append([]string{"s.answered_at >= ? AND s.answered_at < ?"}, where...)
	var t resonanz.SurveyTally
	err := db.read.QueryRowContext(ctx, `SELECT count(CASE WHEN s.question = 'csat' THEN 1 END),
			coalesce(sum(CASE WHEN s.question = 'csat' THEN s.score END), 0),
			count(CASE WHEN s.question = 'csat' AND s.score >= ? THEN 1 END),
			count(CASE WHEN s.question = 'nps' THEN 1 END),
			count(CASE WHEN s.question = 'nps' AND s.score >= ? THEN 1 END),
			count(CASE WHEN s.question = 'nps' AND s.score <= ? THEN 1 END)
		FROM surveys s CROSS JOIN conversations c WHERE c.id = s.conversation_id AND `+strings.Join(where, " AND "),
		append([]any{resonanz.PraiseCSAT, resonanz.PraiseNPS, resonanz.NPSDetractorMax, millis(f.From), millis(f.To)}, args...)...).
		Scan(&t.CSAT, &t.CSATSum, &t.Satisfied, &t.NPS, &t.Promoters, &t.Detractors)
	if err != nil {
		return t, fmt.Errorf("store: survey tally: %w", err)
	}
	return t, nil
}

// answerTimes fills an AnswerFact's times from the stored milliseconds,
// where 0 means not yet.
type answerTimes resonanz.AnswerFact

func (a *answerTimes) set(created, first, resolved int64) {
	a.CreatedAt = fromMillis(created)
	if first != 0 {
		a.FirstResponseAt = fromMillis(first)
	}
	if resolved != 0 {
		a.ResolvedAt = fromMillis(resolved)
	}
}
