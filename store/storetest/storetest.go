// Package storetest opens real SQLite databases for the tests of other packages.
package storetest

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/store"
)

// Open returns a new database in a temporary directory, closed when the
// test ends, with a job queue that takes jobs (StartJobs runs them).
func Open(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "resonanz.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	Queue(t, db)
	return db
}

// Queue gives db a job queue that takes jobs and runs none, and returns it.
func Queue(t testing.TB, db *store.DB) *jobs.Queue {
	t.Helper()
	q, err := jobs.For(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// StartJobs gives db a job queue with the workers add registers and runs
// it until the test ends.
func StartJobs(t testing.TB, db *store.DB, add func(q *jobs.Queue)) {
	t.Helper()
	q := Queue(t, db)
	add(q)
	if err := q.Start(context.Background(), slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Stop)
}
