package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// Pages run the same reads again and again: on SQLite they keep their
// prepared statements, which still see every later write; reads with long
// IN lists and reads that do not prepare are not kept.
func TestReadStatementsAreKept(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "resonanz.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	kept := func() int {
		db.read.stmts.mu.Lock()
		defer db.read.stmts.mu.Unlock()
		return len(db.read.stmts.bySQL)
	}
	before := kept()
	count := func() int {
		var n int
		if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM teams WHERE name <> ?`, "").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	first := count()
	if _, err := db.CreateTeam(ctx, "Versand"); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != first+1 {
		t.Fatalf("a kept statement counts %d teams after one was added to %d", got, first)
	}
	if kept() != before+1 {
		t.Fatalf("%d statements kept after one read run twice, want %d", kept(), before+1)
	}

	ids := make([]any, maxReadStmtArgs+1)
	for i := range ids {
		ids[i] = i
	}
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM teams WHERE id IN (`+placeholders(len(ids))+`)`, ids...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if _, err := db.read.QueryContext(ctx, `SELECT no_such_column FROM teams`); err == nil || !strings.Contains(err.Error(), "no_such_column") {
		t.Fatalf("a read that does not prepare: %v", err)
	}
	if kept() != before+1 {
		t.Fatalf("%d statements kept, want only the short read's %d", kept(), before+1)
	}
}
