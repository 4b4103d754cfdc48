package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/resonanz/resonanz/store/migrate"
)

const migrateDataUsage = `Move the data of resonanz from its SQLite file to PostgreSQL; stop resonanz first.

  resonanz migrate-data [--from data/resonanz.db] --to postgres://USER:PASSWORD@HOST:5432/NAME [--resume]

Creates the tables in the PostgreSQL database and copies every table in
batches of 1,000 rows, showing the progress, then counts the rows of every
table on both sides and fails if any differ. The target must be empty. An
interrupted run (Ctrl-C, a lost connection) goes on where it stopped with
--resume, without copying a row twice. Of the job queue the jobs still to
run are copied (timers, survey invitations, deliveries). The erasure key stays beside the SQLite file: give the server on PostgreSQL the
same --data directory. See docs/deploy.md.`

func runMigrateData(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg migrate.Config
	fs := newFlagSet("migrate-data", migrateDataUsage, stderr)
	fs.StringVar(&cfg.From, "from", filepath.Join(envOr("DATA", "data"), "resonanz.db"), "the SQLite file of resonanz (default: resonanz.db in RESONANZ_DATA)")
	fs.StringVar(&cfg.To, "to", "", "the PostgreSQL database to move to, a postgres:// URL")
	fs.BoolVar(&cfg.Resume, "resume", false, "go on with an interrupted run into a target that already holds some of the data")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 || cfg.To == "" {
		fs.Usage()
		return fmt.Errorf("migrate-data needs --to postgres://… and no other arguments")
	}
	return migrate.Run(ctx, cfg, stdout)
}
