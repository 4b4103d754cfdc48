package store_test

import (
	"fmt"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store/storetest"
)

// Ingest keeps PostgreSQL's statistics itself once the messages grow, so
// that the planner knows their number also where autovacuum is off.
func TestIngestKeepsPostgresStatistics(t *testing.T) {
	db, stats := storetest.OpenPostgresAndLook(t)
	counted := func() (messages float64) {
		t.Helper()
		if err := stats.QueryRow(`SELECT reltuples FROM pg_class WHERE oid = CAST('messages' AS regclass)`).Scan(&messages); err != nil {
			t.Fatal(err)
		}
		return messages
	}
	if n := counted(); n > 0 {
		t.Fatalf("a new schema's messages are counted %v before any ingest", n)
	}
	for batch := range 3 {
		msgs := make([]resonanz.IncomingMessage, 400)
		for i := range msgs {
			n := batch*len(msgs) + i
			msgs[i] = msg("email", fmt.Sprint(n), fmt.Sprintf("c%d@example.org", n%300), "Wo bleibt mein Paket?", n)
		}
		mustIngest(t, db, msgs...)
	}
	if n := counted(); n < 1000 || n > 1200 {
		t.Fatalf("after 1,200 messages the statistics count %v, want the 1,000 or more of the refresh", n)
	}
}
