// Package migrate moves an installation's data from its SQLite file to
// PostgreSQL: `resonanz migrate-data`.
package migrate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/store"
)

// Config says what to move where.
type Config struct {
	From string // the SQLite file
	To   string // the PostgreSQL database, a postgres:// URL
	// Resume continues an interrupted run into a target that holds rows.
	Resume bool
	// BatchRows is the most rows copied in one transaction; 0: 1,000.
	BatchRows int
}

// Run copies every row of the SQLite database to PostgreSQL, showing its
// progress on out, and prints the rows of every table on both sides. The
// erasure key stays beside the SQLite file, where the server on PostgreSQL
// reads it too.
func Run(ctx context.Context, cfg Config, out io.Writer) error {
	if !store.IsPostgres(cfg.To) {
		return fmt.Errorf("--to must be the address of a PostgreSQL database: postgres://user:password@host:5432/name")
	}
	if _, err := os.Stat(cfg.From); err != nil {
		return fmt.Errorf("--from must be the SQLite file of resonanz: %w", err)
	}
	from, err := store.Open(ctx, cfg.From)
	if err != nil {
		return err
	}
	defer from.Close()
	to, err := store.OpenPostgres(ctx, cfg.To, filepath.Dir(cfg.From))
	if err != nil {
		return err
	}
	defer to.Close()
	// The jobs still to run are copied too: both sides need the queue's tables.
	for _, db := range []*store.DB{from, to} {
		if _, err := jobs.For(ctx, db); err != nil {
			return err
		}
	}
	p := newProgress(out)
	counts, err := store.CopyData(ctx, from, to, store.CopyOptions{Resume: cfg.Resume, BatchRows: cfg.BatchRows, Progress: p.show})
	p.finish()
	if counts != nil {
		printCounts(out, counts)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted: run it again with --resume to go on: %w", err)
	}
	if err != nil {
		return err
	}
	// Fresh statistics, so that the planner knows the tables are no longer empty.
	if err := to.Optimize(ctx); err != nil {
		return fmt.Errorf("analyze the target: %w", err)
	}
	fmt.Fprintln(out, "Every table holds the same rows on both sides.")
	return nil
}

// printCounts writes the rows of every table in source and target.
func printCounts(out io.Writer, counts []store.TableCount) {
	width := len("table")
	for _, c := range counts {
		width = max(width, len(c.Table))
	}
	fmt.Fprintf(out, "%-*s %10s %10s\n", width, "table", "SQLite", "PostgreSQL")
	for _, c := range counts {
		mark := ""
		if c.Source != c.Target {
			mark = "  differs"
		}
		fmt.Fprintf(out, "%-*s %10d %10d%s\n", width, c.Table, c.Source, c.Target, mark)
	}
}
