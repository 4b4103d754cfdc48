package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"net/url"
	"path"

	"github.com/resonanz/resonanz"
)

// CopyTo writes a consistent copy of the database to the new file at path,
// while others keep reading and writing: the copy holds every transaction
// committed before it started and none after. SQLite refuses a path that
// exists and is not empty.
func (db *DB) CopyTo(ctx context.Context, path string) error {
	if db.engine != sqliteEngine {
		return resonanz.Errorf(resonanz.EINVALID, "A PostgreSQL database is backed up with pg_dump (see docs/deploy.md), not by resonanz backup.").Keyed("backup.postgres")
	}
	if _, err := db.read.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: copy database to %s: %w", path, err)
	}
	return nil
}

// CheckCopy tells whether the file at path is a sound resonanz database
// that this version can open: it has the migrations table, no migration
// this version does not know, and passes SQLite's integrity check.
func CheckCopy(ctx context.Context, path string) error {
	q := url.Values{"mode": {"ro"}}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer db.Close()
	if err := checkMigrations(ctx, db); err != nil {
		return fmt.Errorf("store: %s: %w", path, err)
	}
	var result string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check(1)`).Scan(&result); err != nil {
		return fmt.Errorf("store: %s: integrity check: %w", path, err)
	}
	if result != "ok" {
		return fmt.Errorf("store: %s is damaged: %s", path, result)
	}
	return nil
}

// checkMigrations reports a database that resonanz did not make, or that a
// newer resonanz migrated beyond what this one knows.
func checkMigrations(ctx context.Context, db *sql.DB) error {
	known, err := fs.Glob(migrationFS, "migrations/sqlite/*.sql")
	if err != nil {
		return err
	}
	knows := map[string]bool{}
	for _, name := range known {
		knows[name] = true
	}
	applied, err := collect(ctx, db, `SELECT name FROM migrations`, nil, func(row interface{ Scan(...any) error }) (name string, err error) {
		return name, row.Scan(&name)
	})
	if err != nil {
		return fmt.Errorf("not a resonanz database: %w", err)
	}
	if len(applied) == 0 {
		return fmt.Errorf("not a resonanz database: no migration applied")
	}
	for _, name := range applied {
		if !knows[name] {
			return fmt.Errorf("made by a newer resonanz (migration %s is unknown here)", path.Base(name))
		}
	}
	return nil
}
