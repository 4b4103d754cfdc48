package store_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/resonanz/resonanz/store"
)

// TestSchemaEnginesAgree keeps the PostgreSQL schema in step with SQLite's:
// a SQLite migration that adds or changes a table, column, view, index or
// trigger without the same change in store/migrations/postgres fails here.
// Every SQLite table and view (but River's, the migrations table and FTS5's
// shadow tables) must exist in PostgreSQL as the same kind of object, with
// the same columns of the same type family; an FTS5 table becomes a plain
// table with rowid and a generated tsvector besides. It runs only when
// RESONANZ_TEST_POSTGRES names a PostgreSQL database.
func TestSchemaEnginesAgree(t *testing.T) {
	pg := openPostgresSchema(t)
	lite := openSQLiteSchema(t, "mode=ro")

	liteObjects := sqliteObjects(t, lite)
	pgObjects := queryPairs(t, pg, `SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END
		FROM information_schema.tables WHERE table_schema = current_schema()`)
	for _, name := range sortedKeys(liteObjects) {
		kind := liteObjects[name]
		pgKind, ok := pgObjects[name]
		if !ok {
			if _, replaced := postgresCountsItsWay[name]; !replaced {
				t.Errorf("%s %s: missing in PostgreSQL", kind, name)
			}
			continue
		}
		if kind == "fts" {
			kind = "table"
		}
		if pgKind != kind {
			t.Errorf("%s: a %s in SQLite, a %s in PostgreSQL", name, kind, pgKind)
		}
	}
	for _, name := range sortedKeys(pgObjects) {
		if _, ok := liteObjects[name]; !ok {
			t.Errorf("%s: in PostgreSQL, not in SQLite", name)
		}
	}

	for _, name := range sortedKeys(liteObjects) {
		kind := liteObjects[name]
		if _, ok := pgObjects[name]; !ok {
			continue
		}
		liteCols := queryPairs(t, lite, `SELECT name, type FROM pragma_table_xinfo(?) WHERE hidden IN (0, 2, 3)`, name)
		pgCols := queryPairs(t, pg, `SELECT column_name, data_type FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1`, name)
		for _, col := range sortedKeys(liteCols) {
			liteType := liteCols[col]
			pgType, ok := pgCols[col]
			if !ok {
				t.Errorf("%s.%s: missing in PostgreSQL", name, col)
				continue
			}
			// A view's column computed by an expression has no declared type
			// in SQLite: its type reads as "" or, through a table-valued
			// function such as json_each, as BLOB.
			untyped := liteType == "" || kind == "view" && strings.EqualFold(liteType, "BLOB")
			if !untyped && sqliteTypeFamily(liteType) != postgresTypeFamily(pgType) {
				t.Errorf("%s.%s: %s in SQLite, %s in PostgreSQL", name, col, liteType, pgType)
			}
		}
		for _, col := range sortedKeys(pgCols) {
			if _, ok := liteCols[col]; !ok && !(kind == "fts" && (col == "rowid" || col == "tsv")) {
				t.Errorf("%s.%s: in PostgreSQL, not in SQLite", name, col)
			}
		}
	}

	for _, c := range []struct{ what, sqlite, postgres string }{
		{"index", `SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE 'river\_%' ESCAPE '\'`,
			`SELECT indexname, tablename FROM pg_indexes WHERE schemaname = current_schema()`},
		{"trigger", `SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND tbl_name NOT LIKE 'river\_%' ESCAPE '\'`,
			`SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
				WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal`},
	} {
		liteNames, pgNames := queryPairs(t, lite, c.sqlite), queryPairs(t, pg, c.postgres)
		for _, name := range sortedKeys(liteNames) {
			table := liteNames[name]
			if instead, replaced := postgresCountsItsWay[name]; replaced {
				name, table = instead, "conversations"
				if instead == "" {
					continue
				}
			}
			if pgNames[name] != table {
				t.Errorf("%s %s on %s: missing in PostgreSQL", c.what, name, table)
			}
		}
	}
}

// postgresCountsItsWay names the SQLite objects of the report rollups that
// PostgreSQL replaces (migration 0003): the trigger that does their work
// there, or "" for a view and its INSTEAD OF trigger that it does without.
var postgresCountsItsWay = map[string]string{
	"report_day_bumps":         "",
	"report_open_bumps":        "",
	"report_day_bump":          "",
	"report_open_bump":         "",
	"conversations_report_new": "conversations_report_added",
}

// sqliteObjects names the SQLite tables and views the PostgreSQL schema must
// have: "table", "view", or "fts" for an FTS5 table.
func sqliteObjects(t *testing.T, lite *sql.DB) map[string]string {
	t.Helper()
	all := queryPairs(t, lite, `SELECT name, CASE WHEN type = 'view' THEN 'view' WHEN sql LIKE 'CREATE VIRTUAL TABLE%' THEN 'fts' ELSE 'table' END
		FROM sqlite_master WHERE type IN ('table', 'view')`)
	objects := map[string]string{}
	for name, kind := range all {
		if name == "migrations" || strings.HasPrefix(name, "river_") || strings.HasPrefix(name, "sqlite_") || isFTSShadow(name, all) {
			continue
		}
		objects[name] = kind
	}
	return objects
}

// isFTSShadow tells whether name is a table FTS5 keeps for one of its tables.
func isFTSShadow(name string, all map[string]string) bool {
	for _, suffix := range []string{"_data", "_idx", "_docsize", "_config", "_content"} {
		if base, ok := strings.CutSuffix(name, suffix); ok && all[base] == "fts" {
			return true
		}
	}
	return false
}

func sqliteTypeFamily(declared string) string {
	switch strings.ToUpper(declared) {
	case "INTEGER":
		return "integer"
	case "TEXT":
		return "text"
	case "REAL":
		return "real"
	case "BLOB":
		return "blob"
	}
	return "SQLite " + declared
}

func postgresTypeFamily(dataType string) string {
	switch dataType {
	case "bigint", "integer", "smallint":
		return "integer"
	case "text":
		return "text"
	case "double precision", "real":
		return "real"
	case "bytea":
		return "blob"
	}
	return "PostgreSQL " + dataType
}

// sortedKeys lists m's keys in order, so that failures read the same every run.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// queryPairs maps the first column of a query's rows to the second.
func queryPairs(t *testing.T, db *sql.DB, query string, args ...any) map[string]string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	pairs := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		pairs[k] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return pairs
}

// openSQLiteSchema creates a database with store.Open, closes it, and opens
// the file again with the plain driver; params are the URI's parameters.
func openSQLiteSchema(t *testing.T, params string) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "resonanz.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+params)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openPostgresSchema connects to RESONANZ_TEST_POSTGRES in a new schema of
// its own, dropped when the test ends, and creates resonanz's tables there;
// it skips the test when the variable is not set.
func openPostgresSchema(t *testing.T) *sql.DB {
	t.Helper()
	url := os.Getenv("RESONANZ_TEST_POSTGRES")
	if url == "" {
		t.Skip("RESONANZ_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	random := make([]byte, 8)
	if _, err := rand.Read(random); err != nil {
		t.Fatal(err)
	}
	schema := "resonanz_test_" + hex.EncodeToString(random)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	db, err := sql.Open("pgx", url+sep+"search_path="+schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	applyPostgresMigrations(t, db)
	return db
}

// applyPostgresMigrations runs store/migrations/postgres/*.sql in order.
// It stands in for store.Open until the store opens PostgreSQL itself.
func applyPostgresMigrations(t *testing.T, db *sql.DB) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("migrations", "postgres", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no PostgreSQL migrations: %v", err)
	}
	sort.Strings(files)
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(text)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
}
