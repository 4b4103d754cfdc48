package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// TestSearchFindsWordsAsStemmed: messages and help articles are found by
// the same stemmed words on every engine. A word of the search package (a
// run of letters and numbers, such as "m²" or "½") is found whole, however
// the engine would split such text by itself, and what looks like query
// syntax is searched as words.
func TestSearchFindsWordsAsStemmed(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		texts := []string{
			"Die Wohnung hat 30 m² Fläche",
			"Ein m ohne Hochzahl",
			"½ Liter fehlt",
			"Ein Liter fehlt",
			"Meine Rechnungen sind schon wieder falsch",
			"Ich möchte meinen Vertrag kündigen, die Straße fehlt #AppDesaster",
			"Where is my delivery? Order 4711",
			`He said "foo" OR NOT * and NEAR(x y)`,
		}
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		for i, text := range texts {
			mustIngest(t, db, msg("email", fmt.Sprint("e", i), fmt.Sprint(i, "@example.org"), text, i))
			if err := db.SaveArticle(ctx, &resonanz.Article{Language: "de", Category: "Test", Title: fmt.Sprint("a", i), Body: text, Published: true}, lea); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct{ query, want string }{
			{"m²", "0"}, {"m", "1"}, {"½ Liter", "2"}, {"½", "2"}, {"Liter", "23"}, {"Fläche m²", "0"},
			{"Rechnung", "4"}, {"Kündigung", "5"}, {"STRASSE", "5"}, {"#AppDesaster", "5"}, {"deliveries", "6"}, {"4711", "6"},
			{`Rechnung" OR "Lieferung`, ""}, {`foo" OR *`, "7"}, {"Rechnung OR Lieferung", ""}, {`") OR rowid > 0 --`, ""},
			{`'; DROP TABLE messages; --`, ""}, {`x:* & !y | (z`, ""}, {`it\'s ''quoted''`, ""},
		} {
			hits, err := db.SearchMessages(ctx, tc.query, 10, 0)
			if err != nil {
				t.Fatalf("messages: search %q: %v", tc.query, err)
			}
			var found []string
			for _, h := range hits {
				found = append(found, strings.TrimPrefix(h.Message.ExternalID, "e"))
			}
			if got := joinedSorted(found); got != tc.want {
				t.Errorf("messages: search %q found %q, want %q", tc.query, got, tc.want)
			}
			articles, err := db.FindArticles(ctx, resonanz.ArticleFilter{Query: tc.query})
			if err != nil {
				t.Fatalf("articles: search %q: %v", tc.query, err)
			}
			found = nil
			for _, a := range articles {
				found = append(found, strings.TrimPrefix(a.Title, "a"))
			}
			if got := joinedSorted(found); got != tc.want {
				t.Errorf("articles: search %q found %q, want %q", tc.query, got, tc.want)
			}
		}
	})
}

// joinedSorted joins the hits in order, so that engines ranking ties differently agree.
func joinedSorted(hits []string) string {
	slices.Sort(hits)
	return strings.Join(hits, "")
}
