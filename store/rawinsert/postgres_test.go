package rawinsert_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/resonanz/resonanz/store/rawinsert"
	"github.com/resonanz/resonanz/store/storetest"
)

// The COPY writes every row and its words too: a rate over rows lost would flatter PostgreSQL.
func TestPostgresRateWritesEveryRow(t *testing.T) {
	url := storetest.PostgresSchema(t)
	msgs := testMessages(1234)
	rate, err := rawinsert.PostgresRate(context.Background(), url, msgs, 500)
	if err != nil || rate <= 0 {
		t.Fatalf("rate %v, %v", rate, err)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows, found int
	if err := db.QueryRow(`SELECT count(*) FROM messages`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM message_terms WHERE tsv @@ CAST('Paket' AS tsquery)`).Scan(&found); err != nil {
		t.Fatal(err)
	}
	if rows != len(msgs) || found != len(msgs) {
		t.Fatalf("%d rows, %d found by a word, want %d", rows, found, len(msgs))
	}
}
