package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/resonanz/resonanz/store"
)

// PostgresEnv names the variable that holds the address of the PostgreSQL
// server the tests may use, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const PostgresEnv = "RESONANZ_TEST_POSTGRES"

// OpenPostgres returns a new, empty database in a schema of its own on the
// server PostgresEnv names, dropped when the test ends, with a job queue
// that takes jobs. The test is skipped when the variable is not set.
func OpenPostgres(t testing.TB) *store.DB {
	t.Helper()
	db, _ := OpenPostgresAndLook(t)
	return db
}

// OpenPostgresAndLook is OpenPostgres that also returns a plain connection
// to the same schema, for a test that looks at what the store left behind
// (its statistics, its vacuuming), closed when the test ends.
func OpenPostgresAndLook(t testing.TB) (*store.DB, *sql.DB) {
	t.Helper()
	url := PostgresSchema(t)
	db, err := store.OpenPostgres(context.Background(), url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	Queue(t, db)
	look, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { look.Close() })
	return db, look
}

// PostgresSchema makes a schema of its own for the test and returns the
// server's address with the schema as the connection's search path; the
// schema and all in it are dropped when the test ends.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(PostgresEnv + " is not set")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	name := "t_" + strings.ToLower(rand.Text()[:16])
	if _, err := admin.Exec(`CREATE SCHEMA ` + name); err != nil {
		admin.Close()
		t.Fatalf("PostgreSQL at %s: %v", base, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP SCHEMA ` + name + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return fmt.Sprintf("%s%ssearch_path=%s", base, sep, name)
}
