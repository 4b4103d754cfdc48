package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/resonanz/resonanz/search"
)

// engine names the database behind the store: the embedded SQLite file, or
// PostgreSQL for several nodes. It is also the folder of its migrations.
type engine string

const (
	sqliteEngine   engine = "sqlite"
	postgresEngine engine = "postgres"
)

// IsPostgres says whether target names a PostgreSQL database (a
// postgres:// or postgresql:// URL) rather than a SQLite file.
func IsPostgres(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// OpenPostgres opens (and migrates) the PostgreSQL database at url; the keys
// the store keeps beside its data (the erasure key) are read from keyDir,
// which every node of one installation must share.
func OpenPostgres(ctx context.Context, url, keyDir string) (*DB, error) {
	config, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: PostgreSQL address: %w", err)
	}
	// The store's statements are short; compiling one with JIT costs more
	// than it saves, and a stale estimate (as after a bulk load) triggers
	// it. An address that sets jit itself keeps its choice.
	if _, set := config.RuntimeParams["jit"]; !set {
		config.RuntimeParams["jit"] = "off"
	}
	pool := sql.OpenDB(pgConnector{stdlib.GetConnector(*config)})
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: connect to PostgreSQL at %s:%d: %w", config.Host, config.Port, err)
	}
	// One writing connection per node keeps the order of writes SQLite
	// gives; the lock of serializeWrites keeps it across nodes.
	pool.SetMaxOpenConns(1)
	read := sql.OpenDB(pgConnector{stdlib.GetConnector(*config)})
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8) // kept open: a new connection costs a server process
	return setUp(ctx, &DB{write: pool, read: newReadPool(read, false), engine: postgresEngine}, keyDir)
}

// serializeWrites waits in tx until no other node writes: every write
// transaction holds a PostgreSQL advisory lock, so that the nodes of one
// installation write one after another, as SQLite's single writer does and
// as the store's transactions assume (they read, decide and write).
// Advisory locks belong to the whole database; the first key names the
// installation's schema, so that installations in other schemas of the
// same database (a test's, a benchmark's) never wait for each other.
func (e engine) serializeWrites(ctx context.Context, tx *sql.Tx) error {
	if e != postgresEngine {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext(current_schema()), hashtext('resonanz writes'))`)
	return err
}

// searchArg turns a user's query into the argument of matchTerms.
func (e engine) searchArg(query string) (string, error) {
	if e == postgresEngine {
		return search.TSQuery(query)
	}
	return search.Match(query)
}

// matchTerms is the condition that the row of the terms table (alias t)
// holds every word of the query given as the next argument (searchArg).
func (e engine) matchTerms(table string) string {
	if e == postgresEngine {
		return `t.tsv @@ CAST(? AS tsquery)`
	}
	return table + ` MATCH ?`
}

// rankedTerms selects the rowid and rank (lower is better) of the rows of
// the terms table that hold every word of the query given as its argument.
func (e engine) rankedTerms(table string) string {
	if e == postgresEngine {
		return `SELECT t.rowid, -ts_rank(t.tsv, q) AS rank FROM ` + table + ` t, CAST(? AS tsquery) q WHERE t.tsv @@ q`
	}
	return `SELECT rowid, rank FROM ` + table + ` WHERE ` + table + ` MATCH ?`
}

// jsonValues is a table of the elements of the JSON array arg, in a
// column named value.
func (e engine) jsonValues(arg string) string {
	if e == postgresEngine {
		return `json_array_elements_text(CAST(` + arg + ` AS json)) AS j(value)`
	}
	return `json_each(` + arg + `)`
}

// jsonIDs is a subquery of the ids in the JSON array of integers arg.
func (e engine) jsonIDs(arg string) string {
	if e == postgresEngine {
		return `(SELECT CAST(value AS BIGINT) FROM ` + e.jsonValues(`CAST(`+arg+` AS text)`) + `)`
	}
	return `(SELECT value FROM json_each(` + arg + `))`
}

// jsonObjects writes the JSON_OBJECT(name, value, …) of query as the
// engine builds a JSON object as text.
func (e engine) jsonObjects(query string) string {
	if e == postgresEngine {
		return strings.ReplaceAll(query, "JSON_OBJECT(", "json_build_object(")
	}
	return strings.ReplaceAll(query, "JSON_OBJECT(", "json_object(")
}

// advanceIDs moves the id sequences of tables past the ids written
// explicitly (ingest numbers its rows itself, from the largest id, under the
// write lock), so that rows numbered by the database come after them.
// SQLite numbers from the largest id anyway.
func (e engine) advanceIDs(ctx context.Context, tx *sql.Tx, tables ...string) error {
	if e != postgresEngine {
		return nil
	}
	for _, table := range tables {
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), max(id)) FROM `+table+` HAVING max(id) IS NOT NULL`); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}

// greatest is the larger of two values that are never NULL (SQLite's
// two-argument max; PostgreSQL's GREATEST would skip a NULL where SQLite
// answers NULL).
func (e engine) greatest(a, b string) string {
	if e == postgresEngine {
		return `GREATEST(` + a + `, ` + b + `)`
	}
	return `max(` + a + `, ` + b + `)`
}

// indexedBy tells SQLite's planner the index to walk (" INDEXED BY name"),
// where its statistics would choose worse; PostgreSQL chooses for itself.
func (e engine) indexedBy(index string) string {
	if e == postgresEngine {
		return ""
	}
	return ` INDEXED BY ` + index
}

// contains is the condition that the text haystack holds needle as a plain
// substring (SQLite's instr; PostgreSQL names it strpos).
func (e engine) contains(haystack, needle string) string {
	if e == postgresEngine {
		return `strpos(` + haystack + `, ` + needle + `) > 0`
	}
	return `instr(` + haystack + `, ` + needle + `) > 0`
}
