package search

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"github.com/resonanz/resonanz"
	_ "modernc.org/sqlite"
)

// TestSQLite checks Terms and Match together in a real FTS5 table defined
// like the one in the store's migrations.
func TestSQLite(t *testing.T) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "search.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE VIRTUAL TABLE message_terms USING fts5 (
		terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
	)`); err != nil {
		t.Fatal(err)
	}
	texts := map[int64]string{
		1:  "Meine Rechnungen sind schon wieder falsch, bitte prüfen!",
		2:  "Wann kommt endlich die Lieferung? #AppDesaster",
		3:  "Where is my delivery? Ordered last week.",
		4:  "Ich möchte meinen Vertrag zum Monatsende kündigen.",
		5:  "Die Kündigung wurde nicht bestätigt 😡",
		6:  "Refunds take too long, I want my money back",
		7:  "Die App stürzt beim Login ab, Straße und Hausnummer fehlen",
		8:  `<script>alert("x")</script> Hallo?`,
		9:  "Danke für die schnelle Antwort!",
		10: "Invoice missing for order 4711 @kundenservice https://example.com/rechnung?id=5",
		11: `He said "foo" OR NOT * and NEAR(x y)`,
	}
	for id, text := range texts {
		if _, err := db.Exec(`INSERT INTO message_terms (rowid, terms) VALUES (?, ?)`, id, Terms(text)); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name, query string
		want        []int64
	}{
		{"German singular finds plural", "Rechnung", []int64{1, 10}},
		{"German plural finds singular", "Lieferungen", []int64{2}},
		{"English plural finds singular", "deliveries", []int64{3}},
		{"noun finds verb", "Kündigung", []int64{4, 5}},
		{"verb finds noun", "kündigen", []int64{4, 5}},
		{"all words must occur", "Rechnung falsch", []int64{1}},
		{"phrase", `"Vertrag kündigen"`, []int64{4}},
		{"unbalanced quote", `"Kündigung bestätigt`, []int64{5}},
		{"hashtag", "#AppDesaster", []int64{2}},
		{"handle", "@KundenService", []int64{10}},
		{"number", "4711", []int64{10}},
		{"sharp s", "STRASSE", []int64{7}},
		{"English stem", "refund", []int64{6}},
		{"HTML", "<script>", []int64{8}},
		{"injection", `Rechnung" OR "Lieferung`, nil},
		{"injection as SQL", `") OR rowid > 0 --`, nil},
		{"injection words are searched literally", `foo" OR *`, []int64{11}},
		{"operators are words", "Rechnung OR Lieferung", nil},
		{"column filter", "terms:rechnung", nil},
		{"NEAR", "NEAR(rechnung lieferung)", nil},
		{"prefix", "Rechn*", nil},
		{"nothing", "Kaffeemaschine", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expr, err := Match(tt.query)
			if err != nil {
				t.Fatalf("Match(%q): %v", tt.query, err)
			}
			got := query(t, db, expr)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q (MATCH %s) found %v, want %v", tt.query, expr, got, tt.want)
			}
			for _, id := range got {
				if !slices.ContainsFunc(Highlight(texts[id], tt.query), func(s Span) bool { return s.Hit }) {
					t.Errorf("%q found row %d but highlights nothing in %q", tt.query, id, texts[id])
				}
			}
		})
	}

	t.Run("hostile queries run", func(t *testing.T) {
		for _, q := range fuzzSeeds {
			if expr, err := Match(q); err == nil {
				query(t, db, expr)
			}
		}
	})
	t.Run("punctuation only", func(t *testing.T) {
		if expr, err := Match(`"*" ()?! ^`); resonanz.ErrorCode(err) != resonanz.EINVALID {
			t.Errorf("Match = %q, %v; want EINVALID", expr, err)
		}
	})
}

func query(t *testing.T, db *sql.DB, expr string) []int64 {
	t.Helper()
	rows, err := db.Query(`SELECT rowid FROM message_terms WHERE message_terms MATCH ? ORDER BY rowid`, expr)
	if err != nil {
		t.Fatalf("MATCH %s: %v", expr, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("MATCH %s: %v", expr, err)
	}
	return ids
}
