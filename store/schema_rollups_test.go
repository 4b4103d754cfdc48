package store_test

import (
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestSchemaRollupTriggersAgree runs the same writes on SQLite and on
// PostgreSQL and compares, after each, what the triggers made of them: the
// report rollups (migration 0120) and the report facts (migration 0100).
// Topics come as a JSON array, ”, text that is no JSON, and a JSON object.
func TestSchemaRollupTriggersAgree(t *testing.T) {
	pg := openPostgresSchema(t)
	lite := openSQLiteSchema(t, "_pragma=foreign_keys(1)")
	const day, hour = int64(86_400_000), int64(3_600_000)

	type step struct {
		query string
		args  []any
	}
	conversation := func(id int64, status, topics string, created int64) step {
		return step{`INSERT INTO conversations (id, contact_id, identity_id, channel, status, preview, visibility,
			last_message_at, created_at, topics, kind, sentiment, language) VALUES (?, 1, 1, 'email', ?, '', 'public', ?, ?, ?, 'question', 'neutral', 'de')`,
			[]any{id, status, created, created, topics}}
	}
	steps := []step{
		{`INSERT INTO contacts (id, name, created_at) VALUES (1, 'Kundin', 0)`, nil},
		{`INSERT INTO identities (id, contact_id, channel, handle, display_name) VALUES (1, 1, 'email', 'kundin@example.org', 'Kundin')`, nil},
		// Before the zone is named every conversation counts on day 0.
		conversation(1, "open", `["A","B"]`, day+hour),
	}
	// As store.CountReportsIn names a zone: its days, then a recount.
	steps = append(steps, step{`DELETE FROM report_days`, nil})
	for d := int64(0); d < 5; d++ {
		steps = append(steps, step{`INSERT INTO report_days (start) VALUES (?)`, []any{d * day}})
	}
	steps = append(steps,
		step{`DELETE FROM report_day_counts`, nil},
		step{`INSERT INTO report_day_counts SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, count(*)
			FROM report_conversation_days GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`, nil},
		step{`DELETE FROM report_open_days`, nil},
		step{`INSERT INTO report_open_days SELECT topic, day, channel, language, team_id, owner_id, count(*)
			FROM report_conversation_days WHERE is_open GROUP BY 1, 2, 3, 4, 5, 6`, nil},
		step{`UPDATE report_zone SET name = ?`, []any{"UTC"}},
		conversation(2, "waiting", ``, 2*day+5),
		conversation(3, "solved", `A,B`, 2*day+7),
		conversation(4, "open", `{"A":["B"]}`, 3*day),
		conversation(5, "open", `["A","A",""]`, 3*day+hour),
		step{`INSERT INTO route_events (conversation_id, kind, at) VALUES (1, 'agent', ?)`, []any{day + 2*hour}},
		step{`INSERT INTO route_events (conversation_id, kind, at) VALUES (1, 'agent', ?)`, []any{day + 3*hour}},
		step{`UPDATE conversations SET status = 'solved' WHERE id = 1`, nil},
		step{`INSERT INTO route_events (conversation_id, kind, at) VALUES (1, 'solved', ?)`, []any{day + 4*hour}},
		step{`UPDATE conversations SET status = 'closed' WHERE id = 1`, nil},
		step{`INSERT INTO route_events (conversation_id, kind, at) VALUES (1, 'closed', ?)`, []any{day + 5*hour}},
		step{`UPDATE conversations SET topics = '["B","C"]', kind = 'complaint' WHERE id = 2`, nil},
		step{`UPDATE conversations SET status = 'open' WHERE id = 3`, nil},
		step{`INSERT INTO route_events (conversation_id, kind, at) VALUES (3, 'open', ?)`, []any{2*day + hour}},
		step{`UPDATE conversations SET created_at = created_at + 1 WHERE id = 4`, nil},
		step{`UPDATE conversations SET created_at = ? WHERE id = 5`, []any{4*day + 1}},
		step{`UPDATE conversations SET preview = 'unchanged rollups'`, nil},
		step{`UPDATE conversations SET topics = topics`, nil},
		step{`DELETE FROM route_events WHERE conversation_id = 2`, nil},
		step{`DELETE FROM conversations WHERE id = 2`, nil},
		step{`UPDATE conversations SET status = 'waiting' WHERE id IN (3, 4)`, nil},
		step{`UPDATE conversations SET status = 'solved', language = 'en'`, nil},
	)

	for i, s := range steps {
		if _, err := lite.Exec(s.query, s.args...); err != nil {
			t.Fatalf("step %d on SQLite: %s: %v", i, s.query, err)
		}
		if _, err := pg.Exec(dollarPlaceholders(s.query), s.args...); err != nil {
			t.Fatalf("step %d on PostgreSQL: %s: %v", i, s.query, err)
		}
		for _, q := range []string{
			`SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, n FROM report_day_counts`,
			`SELECT topic, day, channel, language, team_id, owner_id, n FROM report_open_days`,
			`SELECT id, status, open_work, first_response_at, resolved_at FROM conversations`,
		} {
			want, got := sortedRows(t, lite, q), sortedRows(t, pg, q)
			if strings.Join(want, "\n") != strings.Join(got, "\n") {
				t.Fatalf("after step %d (%s):\n%s\nSQLite:\n%s\nPostgreSQL:\n%s", i, s.query, q, strings.Join(want, "\n"), strings.Join(got, "\n"))
			}
		}
	}
	if rows := sortedRows(t, lite, `SELECT * FROM report_day_counts`); len(rows) == 0 {
		t.Fatal("the rollups are empty: the comparison proved nothing")
	}
}

// dollarPlaceholders numbers the ? placeholders of a query for PostgreSQL;
// the test's queries have no ? inside literals.
func dollarPlaceholders(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sortedRows returns a query's rows as text, sorted in Go so that the
// engines' collations do not matter.
func sortedRows(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		values := make([]any, len(cols))
		pointers := make([]any, len(cols))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			t.Fatal(err)
		}
		fields := make([]string, len(values))
		for i, v := range values {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			fields[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(fields, " | "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}
