package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// SLAReport returns, per team, the conversations created since a moment and
// how they were answered, the goals missed since then and those overdue now.
// It reads every conversation of the period: a report, not a hot path.
func (db *DB) SLAReport(ctx context.Context, since time.Time) ([]*resonanz.TeamSLA, error) {
	byTeam := map[int64]*resonanz.TeamSLA{}
	team := func(id int64, name string) *resonanz.TeamSLA {
		t := byTeam[id]
		if t == nil {
			t = &resonanz.TeamSLA{TeamID: id, TeamName: name}
			byTeam[id] = t
		}
		return t
	}
	waits := map[int64][]time.Duration{}
	err := db.eachRow(ctx, `SELECT coalesce(c.team_id, 0), coalesce(t.name, ''), c.created_at,
		(SELECT min(m.sent_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'out')
		FROM conversations c LEFT JOIN teams t ON t.id = c.team_id WHERE c.created_at >= ?`, func(rows *sql.Rows) error {
		var id, created int64
		var name string
		var answered sql.NullInt64
		if err := rows.Scan(&id, &name, &created, &answered); err != nil {
			return err
		}
		t := team(id, name)
		t.Conversations++
		if answered.Valid {
			t.Answered++
			waits[id] = append(waits[id], time.Duration(max(answered.Int64-created, 0))*time.Millisecond)
		}
		return nil
	}, millis(since))
	if err != nil {
		return nil, err
	}
	for _, q := range []struct {
		query string
		arg   int64
		add   func(*resonanz.TeamSLA, int)
	}{
		{`SELECT coalesce(c.team_id, 0), coalesce(t.name, ''), count(*) FROM audit_events a JOIN conversations c ON c.id = a.conversation_id
			LEFT JOIN teams t ON t.id = c.team_id WHERE a.action = 'sla' AND (a.kind = 'sla.breach' OR a.kind = '' AND a.detail LIKE 'breach:%') AND a.created_at >= ? GROUP BY 1, 2`,
			millis(since), func(t *resonanz.TeamSLA, n int) { t.Breaches = n }},
		{`SELECT coalesce(c.team_id, 0), coalesce(t.name, ''), count(*) FROM conversations c LEFT JOIN teams t ON t.id = c.team_id
			WHERE c.sla_due < ? GROUP BY 1, 2`, millis(db.Now()), func(t *resonanz.TeamSLA, n int) { t.Overdue = n }},
	} {
		err := db.eachRow(ctx, q.query, func(rows *sql.Rows) error {
			var id int64
			var name string
			var n int
			if err := rows.Scan(&id, &name, &n); err != nil {
				return err
			}
			q.add(team(id, name), n)
			return nil
		}, q.arg)
		if err != nil {
			return nil, err
		}
	}
	var list []*resonanz.TeamSLA
	for id, t := range byTeam {
		if w := waits[id]; len(w) > 0 {
			slices.Sort(w)
			t.MedianFirstResponse = w[len(w)/2]
		}
		list = append(list, t)
	}
	slices.SortFunc(list, func(a, b *resonanz.TeamSLA) int {
		if (a.TeamID == 0) != (b.TeamID == 0) { // conversations without a team last
			if a.TeamID == 0 {
				return 1
			}
			return -1
		}
		return strings.Compare(a.TeamName, b.TeamName)
	})
	return list, nil
}
