package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/store/storetest"
)

// bench --database measures on PostgreSQL, with a COPY as the raw baseline,
// and drops the schemas it made.
func TestBenchOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server")
	}
	address := storetest.PostgresSchema(t)
	admin, err := sql.Open("pgx", os.Getenv(storetest.PostgresEnv))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var out, errOut bytes.Buffer
	err = run(context.Background(), []string{"bench", "-n", "1000", "-singles", "10", "-samples", "2", "--data", t.TempDir(),
		"--database", address}, &out, &errOut)
	if err != nil {
		t.Fatalf("%v\n%s%s", err, out.String(), errOut.String())
	}
	if strings.Contains(errOut.String(), "level=ERROR") {
		t.Errorf("the server logged errors during the bench:\n%s", errOut.String())
	}
	for _, want := range []string{"database: PostgreSQL at ", "== N = 1000 messages ==", "routing caught up ", "raw PostgreSQL COPY of the same rows",
		"inbox first page", `search "Rechnung"`, "database size: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("bench output lacks %q:\n%s", want, out.String())
		}
	}
	made := regexp.MustCompile(`PostgreSQL schema (bench_\w+) \(dropped afterwards\)`).FindAllStringSubmatch(out.String(), -1)
	if len(made) != 2 {
		t.Fatalf("bench named %d schemas, want 2 (the server's and the COPY's):\n%s", len(made), out.String())
	}
	for _, m := range made {
		var left bool
		if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, m[1]).Scan(&left); err != nil {
			t.Fatal(err)
		} else if left {
			t.Errorf("schema %s is left after the run", m[1])
		}
	}
}
