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

// BenchStats puts into sqlite_stat1 what ANALYZE wrote for the conversations
// of the benchmark's million messages (240,000 conversations, all open,
// none assigned, no clocks); the statistics count from the next Open.
func BenchStats(t testing.TB, db *DB) {
	t.Helper()
	stats := map[string]string{
		"conversations_open_due":   "239682 239682 239682 1",
		"conversations_open_owner": "239682 239682 239682 1 1",
		"conversations_open_work":  "239682 239682 1 1",
		"conversations_sla":        "0 0 0",
		"conversations_contact":    "239682 2 2 2",
		"conversations_owner":      "239682 239682 1 1",
		"conversations_team":       "239682 239682 1 1",
		"conversations_channel":    "239682 39947 1 1",
		"conversations_status":     "239682 239682 1 1",
		"conversations_inbox":      "239682 1 1",
	}
	if _, err := db.write.Exec(`ANALYZE`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.Exec(`DELETE FROM sqlite_stat1 WHERE tbl = 'conversations'`); err != nil {
		t.Fatal(err)
	}
	for idx, stat := range stats {
		if _, err := db.write.Exec(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('conversations', ?, ?)`, idx, stat); err != nil {
			t.Fatal(err)
		}
	}
}
