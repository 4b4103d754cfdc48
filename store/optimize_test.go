package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

func TestOptimizeAfterABulkLoad(t *testing.T) {
	contract(t, func(t *testing.T, db *store.DB) {
		mustIngest(t, db, msg("email", "1", "anna@example.org", "Wo bleibt mein Paket?", 0), msg("email", "2", "anna@example.org", "Noch immer nichts", 5))
		if err := db.Optimize(context.Background()); err != nil {
			t.Fatal(err)
		}
		if hits, err := db.SearchMessages(context.Background(), "Paket", 10, 0); err != nil || len(hits) != 1 {
			t.Fatalf("search after optimizing: %d hits, %v", len(hits), err)
		}
	})
}

// On PostgreSQL, Optimize vacuums the installation's own tables, so that a
// bulk load's dead rows are gone on a server whose autovacuum is off.
func TestOptimizeVacuumsTheSchemaOnPostgres(t *testing.T) {
	db, stats := storetest.OpenPostgresAndLook(t)
	mustIngest(t, db, msg("email", "1", "anna@example.org", "Wo bleibt mein Paket?", 0))
	if err := db.Optimize(context.Background()); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(100 * time.Millisecond) {
		var vacuumed bool
		if err := stats.QueryRow(`SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'conversations'`).Scan(&vacuumed); err != nil {
			t.Fatal(err)
		}
		if vacuumed {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the conversations table was never vacuumed")
		}
	}
}
