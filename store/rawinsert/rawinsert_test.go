package rawinsert_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store/rawinsert"
)

// Every row and its words are written: a rate over rows lost would flatter SQLite.
func TestRateWritesEveryRow(t *testing.T) {
	dir := t.TempDir()
	msgs := testMessages(1234)
	rate, err := rawinsert.Rate(context.Background(), dir, msgs, 500)
	if err != nil || rate <= 0 {
		t.Fatalf("rate %v, %v", rate, err)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "raw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows, found int
	if err := db.QueryRow(`SELECT count(*) FROM messages`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM message_terms WHERE message_terms MATCH 'paket'`).Scan(&found); err != nil {
		t.Fatal(err)
	}
	if rows != len(msgs) || found != len(msgs) {
		t.Fatalf("%d rows, %d found by a word, want %d", rows, found, len(msgs))
	}
}

// testMessages returns n messages that all hold the word "Paket".
func testMessages(n int) []resonanz.IncomingMessage {
	msgs := make([]resonanz.IncomingMessage, n)
	for i := range msgs {
		msgs[i] = resonanz.IncomingMessage{Channel: "mastodon", ExternalID: fmt.Sprint(i), Author: resonanz.Author{Handle: "@a@x.social"},
			Text: fmt.Sprintf("Paket %d kommt nicht", i), Visibility: resonanz.Public, Time: time.Now()}
	}
	return msgs
}
