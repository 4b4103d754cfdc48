package store

import (
	"context"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
)

// riverTime is how the job queue writes its times in SQLite, in UTC: to the
// millisecond, or to the second where a column's default wrote it; parsing
// takes a fraction after the seconds without asking for one.
const riverTime = "2006-01-02 15:04:05"

// riverDue reads a job's scheduled time: text in SQLite, a time in PostgreSQL.
func riverDue(v any) (time.Time, error) {
	switch due := v.(type) {
	case time.Time:
		return due.UTC(), nil
	case string:
		return time.Parse(riverTime, due)
	case []byte:
		return time.Parse(riverTime, string(due))
	}
	return time.Time{}, fmt.Errorf("store: a job's time of type %T", v)
}

// Operations reads what operators watch, each figure from an index or a
// small table, so that a scrape every few seconds costs little.
func (db *DB) Operations(ctx context.Context) (*resonanz.Operations, error) {
	o := &resonanz.Operations{At: db.Now(), AlertsOpen: map[string]int{}, EventDeliveries: map[string]int{}}
	err := func() error {
		if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE state = ?`, resonanz.OutboxPending).Scan(&o.OutboxPending); err != nil {
			return err
		}
		if err := db.read.QueryRowContext(ctx, `SELECT count(*), count(CASE WHEN failures >= ? THEN 1 END) FROM channel_accounts`,
			resonanz.FailingAfter).Scan(&o.Accounts, &o.AccountsFailing); err != nil {
			return err
		}
		var err error
		// The queue keeps a job's errors as a JSON array in SQLite, as an
		// array of jsonb in PostgreSQL.
		failed := `json_array_length(errors)`
		if db.engine == postgresEngine {
			failed = `cardinality(errors)`
		}
		o.Jobs, err = collect(ctx, db.read, `SELECT kind, state, count(*), min(scheduled_at), coalesce(sum(`+failed+`), 0)
			FROM river_job GROUP BY kind, state ORDER BY kind, state`, nil,
			func(row interface{ Scan(...any) error }) (resonanz.JobCount, error) {
				var j resonanz.JobCount
				var due any
				if err := row.Scan(&j.Kind, &j.State, &j.Count, &due, &j.FailedAttempts); err != nil {
					return j, err
				}
				j.Due, err = riverDue(due)
				return j, err
			})
		if err != nil {
			return err
		}
		if err := countBy(ctx, db.read, `SELECT status, count(*) FROM alerts WHERE status <> 'resolved' GROUP BY status`, o.AlertsOpen); err != nil {
			return err
		}
		return countBy(ctx, db.read, `SELECT state, count(*) FROM event_deliveries GROUP BY state`, o.EventDeliveries)
	}()
	if err != nil {
		return nil, fmt.Errorf("store: operations: %w", err)
	}
	return o, nil
}

// countBy fills counts from a query of (name, count) rows.
func countBy(ctx context.Context, q queryer, query string, counts map[string]int) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return err
		}
		counts[name] = n
	}
	return rows.Err()
}
