// Package store keeps resonanz's data in an embedded SQLite database.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/resonanz/resonanz"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// DB is the resonanz database: one connection for writes, a pool for reads,
// so that readers never wait for the single SQLite writer.
type DB struct {
	write  *sql.DB
	read   *readPool
	engine engine
	// Now returns the current time; tests replace it.
	Now func() time.Time

	writeStmts  stmtCache
	stats       statistics    // PostgreSQL's, see keepStatistics
	checkpoints *checkpointer // SQLite's, see checkpoint.go

	routerWake chan struct{}
	jobs       JobQueue      // see SetJobQueue
	learnDelay time.Duration // see SetLearnDelay

	eraseKey []byte // makes the marks of erased people; see erasure_mark.go

	// Links make the signed links of the customers' own pages, for surveys
	// and the email footer; nil: surveys wait, emails get no footer. Set
	// it before the job queue starts.
	Links resonanz.Links

	dummyOnce sync.Once
	dummyHash []byte // compared against for unknown logins
}

// Open opens (and creates or migrates) the SQLite database at path.
func Open(ctx context.Context, path string) (*DB, error) {
	// A large WAL between checkpoints lets pages changed by many batches be
	// copied into the database once; ingest is 40% faster than with the
	// default of 1000 pages. The writer's page cache is 1 GiB, the readers'
	// 128 MiB each: past the mapped first GiB of the file, the writer
	// otherwise reads the index pages each batch changes anew (ingest of
	// two million messages 2,161 → 2,377 msg/s). SQLite fills a cache only
	// as it reads, so a small database never holds that much.
	dsn := func(txlock, cacheKiB string) string {
		q := url.Values{}
		for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-" + cacheKiB + ")", "mmap_size(1073741824)", "temp_store(MEMORY)", "wal_autocheckpoint(20000)"} {
			q.Add("_pragma", p)
		}
		q.Set("_txlock", txlock)
		return "file:" + path + "?" + q.Encode()
	}
	write, err := sql.Open("sqlite", dsn("immediate", "1048576"))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", dsn("deferred", "131072"))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8) // kept open: a new connection starts with an empty page cache
	db, err := setUp(ctx, &DB{write: write, read: newReadPool(read, true), engine: sqliteEngine}, filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	db.checkpoints = startCheckpoints(read)
	return db, nil
}

// setUp loads the keys kept in keyDir and migrates the schema.
func setUp(ctx context.Context, db *DB, keyDir string) (*DB, error) {
	db.Now = time.Now
	db.writeStmts = stmtCache{db: db.write, stmts: map[string]*sql.Stmt{}}
	db.routerWake = make(chan struct{}, 1)
	db.learnDelay = defaultLearnDelay
	var err error
	if db.eraseKey, err = loadErasureKey(keyDir); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := db.migrate(ctx, ""); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// SetClock makes the store record what follows at the times now gives: the
// demo works its past month step by step.
func (db *DB) SetClock(now func() time.Time) { db.Now = now }

// Close closes the database; stop the job queue before.
func (db *DB) Close() error {
	if db.checkpoints != nil {
		db.checkpoints.Close()
	}
	db.writeStmts.close()
	err := db.read.Close()
	if werr := db.write.Close(); werr != nil {
		err = werr
	}
	return err
}

// migrate applies the embedded migrations not yet recorded, each in its own
// transaction, up to and including the file last ("": all of them).
func (db *DB) migrate(ctx context.Context, last string) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("store: create migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/"+string(db.engine)+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.applyMigration(ctx, name); err != nil {
			return fmt.Errorf("store: migration %s: %w", name, err)
		}
		if path.Base(name) == last {
			break
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, name string) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name) VALUES (?)`, name); err != nil {
		return err
	}
	return tx.Commit()
}

// Size returns the bytes the database files take on disk (main file and WAL).
func (db *DB) Size(ctx context.Context) (int64, error) {
	if db.engine == postgresEngine {
		var n int64
		err := db.read.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
		return n, err
	}
	var pages, pageSize int64
	if err := db.read.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		return 0, err
	}
	if err := db.read.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil {
		return 0, err
	}
	return pages * pageSize, nil
}

// Optimize refreshes the query planner's statistics; run it after bulk
// loads. On PostgreSQL it vacuums and analyzes the installation's own tables
// (its schema), not every schema of the database, so that the dead rows of
// a bulk load's updates are gone even where autovacuum is off.
func (db *DB) Optimize(ctx context.Context) error {
	if db.engine != postgresEngine {
		_, err := db.write.ExecContext(ctx, `PRAGMA optimize=0x10002`)
		return err
	}
	tables, err := collect(ctx, db.read, `SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`, nil,
		func(row interface{ Scan(...any) error }) (string, error) {
			var name string
			return name, row.Scan(&name)
		})
	if err != nil {
		return fmt.Errorf("store: optimize: %w", err)
	}
	if len(tables) == 0 {
		return nil
	}
	if _, err := db.write.ExecContext(ctx, `VACUUM (ANALYZE) `+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("store: optimize: %w", err)
	}
	return nil
}

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// summary returns text on one line, whitespace collapsed, cut to n
// characters: a greeting alone ("Guten Tag,") says nothing in the inbox.
func summary(text string, n int) string {
	line := strings.Join(strings.Fields(text), " ")
	if r := []rune(line); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return line
}
