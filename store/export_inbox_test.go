package store

import (
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
)

// InboxPlans returns SQLite's plans for an inbox page ("list") and a view's
// count ("count") of f, their steps joined by " | ".
func InboxPlans(t testing.TB, db *DB, f resonanz.ConversationFilter) map[string]string {
	t.Helper()
	f.Limit = 50
	list, listArgs := db.inboxQuery(f)
	count, countArgs := db.countQuery(f, 1000)
	plans := map[string]string{}
	for what, q := range map[string]struct {
		sql  string
		args []any
	}{"list": {list, listArgs}, "count": {count, countArgs}} {
		rows, err := db.read.Query("EXPLAIN QUERY PLAN "+q.sql, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		var steps []string
		for rows.Next() {
			var id, parent, unused int
			var step string
			if err := rows.Scan(&id, &parent, &unused, &step); err != nil {
				t.Fatal(err)
			}
			steps = append(steps, step)
		}
		rows.Close()
		plans[what] = strings.Join(steps, " | ")
	}
	return plans
}
