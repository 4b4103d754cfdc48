// Package storetest opens real SQLite databases for the tests of other packages.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/resonanz/resonanz/store"
)

// Open returns a new database in a temporary directory, closed when the test ends.
func Open(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "resonanz.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
