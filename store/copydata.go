package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// CopyOptions steer CopyData.
type CopyOptions struct {
	// Resume continues an interrupted copy: a target that already holds
	// rows is accepted, tables it holds completely are skipped and a table
	// it holds in part goes on after its last row.
	Resume bool
	// BatchRows is the most rows written in one transaction; 0: 1,000.
	BatchRows int
	// Progress, when set, is told of every table's start and every batch.
	Progress func(CopyProgress)
}

// CopyProgress is how far the copy of one table has come.
type CopyProgress struct {
	Table       string
	Done, Total int64
}

// TableCount is a table's rows in the source and in the target.
type TableCount struct {
	Table          string
	Source, Target int64
}

// CopyData copies every row of the SQLite database from into the empty
// PostgreSQL database to, table by table, parents before children, in
// batches of their own transaction, so that an interrupted copy resumes
// (opt.Resume). Of River's jobs the ones still to run are copied (timers,
// survey invitations, deliveries), not the finished ones. Afterwards the
// target's id sequences go on after the copied
// ids, and every table is counted on both sides; the counts are returned,
// and a difference is an error.
func CopyData(ctx context.Context, from, to *DB, opt CopyOptions) ([]TableCount, error) {
	if from.engine != sqliteEngine || to.engine != postgresEngine {
		return nil, fmt.Errorf("store: copy data goes from SQLite to PostgreSQL")
	}
	if opt.BatchRows <= 0 {
		opt.BatchRows = 1000
	}
	tables, err := copyPlan(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("store: copy data: %w", err)
	}
	if !opt.Resume {
		if err := refuseFilled(ctx, to, tables); err != nil {
			return nil, err
		}
	}
	for _, t := range tables {
		if err := t.copy(ctx, from, to, opt); err != nil {
			return nil, fmt.Errorf("store: copy %s: %w", t.name, err)
		}
	}
	for _, t := range tables {
		if err := t.advanceID(ctx, to); err != nil {
			return nil, fmt.Errorf("store: move the id sequence of %s: %w", t.name, err)
		}
	}
	return verifyCopy(ctx, from, to, tables)
}

// refuseFilled refuses a target that holds rows of its own beyond the ones
// its schema writes: copying into it would mix two installations.
func refuseFilled(ctx context.Context, to *DB, tables []*copyTable) error {
	for _, t := range tables {
		if t.seeded {
			continue
		}
		n, err := countRows(ctx, to, t.target)
		if err != nil {
			return fmt.Errorf("store: count %s in the target: %w", t.target, err)
		}
		if n > 0 {
			return resonanz.Errorf(resonanz.ECONFLICT, "The target database already holds data (%d rows in %s). Give --resume to continue an interrupted migration into it, or migrate into an empty database.", n, t.target).Keyed("migrate.target_filled")
		}
	}
	return nil
}

// verifyCopy counts every table on both sides.
func verifyCopy(ctx context.Context, from, to *DB, tables []*copyTable) ([]TableCount, error) {
	var counts []TableCount
	var differ []string
	for _, t := range tables {
		c := TableCount{Table: t.target}
		var err error
		if c.Source, err = t.sourceRows(ctx, from); err != nil {
			return nil, fmt.Errorf("store: count %s in the source: %w", t.target, err)
		}
		if c.Target, err = countRows(ctx, to, t.target); err != nil {
			return nil, fmt.Errorf("store: count %s in the target: %w", t.target, err)
		}
		if c.Source != c.Target {
			differ = append(differ, t.target)
		}
		counts = append(counts, c)
	}
	if len(differ) > 0 {
		return counts, fmt.Errorf("store: after the copy the rows differ in %s", strings.Join(differ, ", "))
	}
	return counts, nil
}

func countRows(ctx context.Context, db *DB, table string) (n int64, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n)
	return n, err
}
