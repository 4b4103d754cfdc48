package migrate_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/demo"
	"github.com/resonanz/resonanz/linksign"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/migrate"
	"github.com/resonanz/resonanz/store/storetest"
)

// demoFile is a SQLite database holding the demo: users, teams, about
// 2,000 messages, conversations worked on with replies, promises, help
// articles, surveys and the report rollups.
func demoFile(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	analyzer, err := analyze.New()
	must(t, err)
	links, err := linksign.New("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	must(t, err)
	links.SetBase("http://127.0.0.1:8080")
	path := filepath.Join(t.TempDir(), "resonanz.db")
	db, err := store.Open(ctx, path)
	must(t, err)
	storetest.Queue(t, db)
	db.Links = links
	_, err = demo.Load(ctx, db, analyzer, io.Discard)
	must(t, err)
	// A person linked to one who came later: the row refers to a row of
	// its own table copied after it.
	admin, err := db.FindUserByLogin(ctx, demo.Login)
	must(t, err)
	must(t, db.LinkContacts(ctx, 400, 2, admin))
	must(t, db.Close())
	if n := count(t, lite(t, path), `SELECT count(*) FROM contacts WHERE merged_into > id`); n != 1 {
		t.Fatalf("%d contacts linked to a later one, want 1", n)
	}
	return path
}

// TestMigrateData: every table arrives whole, rows keep their contents, the
// rollups equal the source's and search finds the same messages.
func TestMigrateData(t *testing.T) {
	url := storetest.PostgresSchema(t)
	from := demoFile(t)
	var out strings.Builder
	must(t, migrate.Run(context.Background(), migrate.Config{From: from, To: url, BatchRows: 300}, &out))
	t.Logf("output:\n%s", out.String())
	for _, want := range []string{"messages", "message_terms", "report_day_counts", "SQLite", "PostgreSQL", "Every table holds the same rows"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	var messages string
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "messages ") && strings.Contains(line, "%") {
			messages = line
		}
	}
	if fields := strings.Fields(messages); len(fields) < 5 || fields[1] != fields[3] || fields[4] != "100%" {
		t.Errorf("the progress of the messages is %q, want all of them, 100%%", messages)
	}
	sameContents(t, from, url)
	triggersOn(t, url)
	sameSearch(t, from, url, "Paket", "Rechnung", "app")
	newRowsComeAfter(t, from, url)
}

// TestMigrateDataResumes: a copy interrupted in the middle of the messages
// is refused without --resume and finished with it, without a duplicate.
func TestMigrateDataResumes(t *testing.T) {
	url := storetest.PostgresSchema(t)
	from := demoFile(t)
	ctx, cancel := context.WithCancel(context.Background())
	src, err := store.Open(ctx, from)
	must(t, err)
	dst, err := store.OpenPostgres(ctx, url, filepath.Dir(from))
	must(t, err)
	storetest.Queue(t, src)
	storetest.Queue(t, dst)
	_, err = store.CopyData(ctx, src, dst, store.CopyOptions{BatchRows: 200, Progress: func(p store.CopyProgress) {
		if p.Table == "messages" && p.Done >= 600 {
			cancel()
		}
	}})
	if err == nil {
		t.Fatal("the interrupted copy reported success")
	}
	src.Close()
	dst.Close()
	triggersOn(t, url)
	if n := count(t, pg(t, url), `SELECT count(*) FROM messages`); n == 0 || n >= count(t, lite(t, from), `SELECT count(*) FROM messages`) {
		t.Fatalf("the interrupted copy holds %d messages, want some but not all", n)
	}

	err = migrate.Run(context.Background(), migrate.Config{From: from, To: url}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "already holds data") || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("a filled target without --resume: %v, want a refusal naming --resume", err)
	}
	var out strings.Builder
	must(t, migrate.Run(context.Background(), migrate.Config{From: from, To: url, Resume: true, BatchRows: 250}, &out))
	t.Logf("resumed:\n%s", out.String())
	if !strings.Contains(out.String(), "there already") {
		t.Error("the resumed run does not say which tables were there already")
	}
	sameContents(t, from, url)
	sameSearch(t, from, url, "Paket", "Lieferung")

	// A complete target: refused without --resume, left as it is with it.
	if err := migrate.Run(context.Background(), migrate.Config{From: from, To: url}, io.Discard); err == nil {
		t.Error("a second run into the full target was not refused")
	}
	must(t, migrate.Run(context.Background(), migrate.Config{From: from, To: url, Resume: true}, io.Discard))
	sameContents(t, from, url)
}

// TestMigrateDataBadTarget: what is not a PostgreSQL database, or cannot be
// reached, is said so before anything is copied.
func TestMigrateDataBadTarget(t *testing.T) {
	from := filepath.Join(t.TempDir(), "resonanz.db")
	db, err := store.Open(context.Background(), from)
	must(t, err)
	must(t, db.Close())
	for to, want := range map[string]string{
		"mysql://root@localhost/resonanz":          "must be the address of a PostgreSQL database",
		"data/other.db":                            "must be the address of a PostgreSQL database",
		"postgres://user@host:notaport/db":         "PostgreSQL address",
		"postgres://postgres@127.0.0.1:1/resonanz": "connect to PostgreSQL at 127.0.0.1:1",
	} {
		err := migrate.Run(context.Background(), migrate.Config{From: from, To: to}, io.Discard)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("--to %s: %v, want %q", to, err, want)
		}
	}
	err = migrate.Run(context.Background(), migrate.Config{From: filepath.Join(t.TempDir(), "missing.db"), To: "postgres://x@127.0.0.1/x"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--from") {
		t.Errorf("a missing --from file: %v, want an error about --from", err)
	}
}

// compared are queries whose rows must be the same on both sides: the
// contents of tables the copy writes, and the rollups the reports read.
var compared = []string{
	`SELECT id, login, name, role, disabled FROM users ORDER BY id`,
	`SELECT id, status, owner_id, team_id, first_response_at, resolved_at, open_work, topics FROM conversations ORDER BY id`,
	`SELECT id, conversation_id, text, author_name, sent_at, sentiment_score, kind_scores, addressed FROM messages ORDER BY id`,
	`SELECT id, conversation_id, owner_id, due_at, state, text FROM promises ORDER BY id`,
	`SELECT id, merged_into FROM contacts ORDER BY id`,
	`SELECT conversation_id, kind, at FROM route_events ORDER BY id`,
	`SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, n FROM report_day_counts ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
	`SELECT topic, day, channel, language, team_id, owner_id, n FROM report_open_days ORDER BY 1, 2, 3, 4, 5, 6`,
	`SELECT id, title, category FROM help_articles ORDER BY id`,
	`SELECT team_id, user_id FROM team_members ORDER BY 1, 2`,
}

// pendingJobs are River's jobs still to run, in the columns both engines
// can give alike: the survey invitations and timers of the demo.
var pendingJobs = [2]string{
	`SELECT id, kind, state, queue, priority, max_attempts, CAST(round((julianday(scheduled_at) - 2440587.5) * 86400000) AS INTEGER),
		json_extract(args, '$.conversation_id') FROM river_job WHERE state NOT IN ('completed', 'cancelled', 'discarded') ORDER BY id`,
	`SELECT id, kind, CAST(state AS text), queue, CAST(priority AS bigint), CAST(max_attempts AS bigint),
		CAST(round(extract(epoch FROM scheduled_at) * 1000) AS bigint), CAST(args->>'conversation_id' AS bigint) FROM river_job ORDER BY id`,
}

func sameContents(t *testing.T, from, url string) {
	t.Helper()
	src, dst := lite(t, from), pg(t, url)
	for _, q := range append(slices.Clone(compared), pendingJobs[0]) {
		dq := q
		if q == pendingJobs[0] {
			dq = pendingJobs[1]
		}
		a, b := dump(t, src, q), dump(t, dst, dq)
		if len(a) == 0 {
			t.Errorf("%s: the source has no rows; the test compares nothing", q)
		}
		if !slices.Equal(a, b) {
			t.Errorf("%s: %d rows in SQLite, %d in PostgreSQL, or they differ", q, len(a), len(b))
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					t.Errorf("first difference:\n SQLite:     %s\n PostgreSQL: %s", a[i], b[i])
					break
				}
			}
		}
	}
	for _, table := range []string{"message_terms", "help_article_terms", "promises", "surveys", "help_articles"} {
		if a, b := count(t, src, `SELECT count(*) FROM `+table), count(t, dst, `SELECT count(*) FROM `+table); a != b || a == 0 {
			t.Errorf("%s: %d rows in SQLite, %d in PostgreSQL", table, a, b)
		}
	}
}

// sameSearch: the words rebuilt on PostgreSQL find what SQLite's index finds.
func sameSearch(t *testing.T, from, url string, words ...string) {
	t.Helper()
	ctx := context.Background()
	src, err := store.Open(ctx, from)
	must(t, err)
	defer src.Close()
	dst, err := store.OpenPostgres(ctx, url, filepath.Dir(from))
	must(t, err)
	defer dst.Close()
	for _, w := range words {
		a, err := src.SearchMessages(ctx, w, 500, 0)
		must(t, err)
		b, err := dst.SearchMessages(ctx, w, 500, 0)
		must(t, err)
		if len(a) == 0 || len(a) != len(b) {
			t.Errorf("search %q: %d hits in SQLite, %d in PostgreSQL", w, len(a), len(b))
			continue
		}
		var x, y []int64
		for i := range a {
			x, y = append(x, a[i].Message.ID), append(y, b[i].Message.ID)
		}
		slices.Sort(x)
		slices.Sort(y)
		if !slices.Equal(x, y) {
			t.Errorf("search %q found other messages on PostgreSQL", w)
		}
	}
}

// triggersOn: the copy leaves every trigger of the target on, also after an
// interruption.
func triggersOn(t *testing.T, url string) {
	t.Helper()
	db := pg(t, url)
	if n := count(t, db, `SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'`); n > 0 {
		t.Errorf("%d triggers of the target are off", n)
	}
	if n := count(t, db, `SELECT count(*) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
		WHERE NOT g.tgisinternal AND c.relname = 'conversations' AND c.relnamespace = current_schema()::regnamespace`); n == 0 {
		t.Error("the target has no report triggers on conversations; the test looks at nothing")
	}
}

// newRowsComeAfter: the target numbers new rows after the copied ones.
func newRowsComeAfter(t *testing.T, from, url string) {
	t.Helper()
	db := pg(t, url)
	var id, largest int64
	must(t, db.QueryRow(`SELECT max(id) FROM teams`).Scan(&largest))
	must(t, db.QueryRow(`INSERT INTO teams (name) VALUES ('Neu') RETURNING id`).Scan(&id))
	if id <= largest {
		t.Errorf("a new team got id %d, not after the copied %d", id, largest)
	}
}

func lite(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	must(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func pg(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", url)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func dump(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	must(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	must(t, err)
	var out []string
	for rows.Next() {
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		must(t, rows.Scan(ptrs...))
		out = append(out, fmt.Sprint(row...))
	}
	must(t, rows.Err())
	return out
}

func count(t *testing.T, db *sql.DB, query string) (n int64) {
	t.Helper()
	must(t, db.QueryRow(query).Scan(&n))
	return n
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
