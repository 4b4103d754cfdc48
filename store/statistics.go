package store

import (
	"context"
	"sync"
)

// analyzeAfter is how many messages a node ingests before it first refreshes
// PostgreSQL's statistics; afterwards it waits until the messages doubled.
// The planner scales a table's row count by its current size itself; what
// it needs the statistics for, the spread of the values, changes slowly.
const analyzeAfter = 1000

// statistics keeps PostgreSQL's planner statistics of the tables ingest
// grows. Without them (autovacuum off, or before it wakes after a bulk load)
// the planner takes a table of thousands of rows for one of ten, and
// probed duplicates by reading every message of a channel and a routed
// contact's earlier conversations by walking the whole inbox index: each
// batch slower than the one before. SQLite plans well without them.
type statistics struct {
	mu    sync.Mutex
	since int64 // messages ingested since the last refresh
	size  int64 // messages the last refresh counted
}

// due counts n ingested messages and reports whether a refresh is due; the
// count starts again then.
func (s *statistics) due(n int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.since += int64(n)
	if s.since < max(analyzeAfter, s.size) {
		return false
	}
	s.since = 0
	return true
}

func (s *statistics) counted(size int64) {
	s.mu.Lock()
	s.size = size
	s.mu.Unlock()
}

// keepStatistics refreshes the statistics of the tables ingest and routing
// read when they have grown enough since the last time. It runs on a reading
// connection (ANALYZE blocks no writer) and a failure only leaves the old
// statistics, so it fails nothing: the next refresh tries again.
func (db *DB) keepStatistics(ctx context.Context, ingested int) {
	if db.engine != postgresEngine || !db.stats.due(ingested) {
		return
	}
	if _, err := db.read.ExecContext(ctx, `ANALYZE messages, conversations, contacts, identities, route_events`); err != nil {
		return
	}
	var size int64
	if err := db.read.QueryRowContext(ctx, `SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = CAST('messages' AS regclass)`).Scan(&size); err == nil {
		db.stats.counted(size)
	}
}
