package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// TestSearchFindsWordsAsStemmed: a word of the search package (a run of
// letters and numbers, such as "m²" or "½") is found whole on every engine,
// in messages and in help articles alike, however the engine would split
// such text by itself.
func TestSearchFindsWordsAsStemmed(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		texts := []string{"Die Wohnung hat 30 m² Fläche", "Ein m ohne Hochzahl", "½ Liter fehlt", "Ein Liter fehlt"}
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		for i, text := range texts {
			mustIngest(t, db, msg("email", fmt.Sprint("e", i), fmt.Sprint(i, "@example.org"), text, i))
			if err := db.SaveArticle(ctx, &resonanz.Article{Language: "de", Category: "Test", Title: fmt.Sprint("a", i), Body: text, Published: true}, lea); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct{ query, want string }{
			{"m²", "0"}, {"m", "1"}, {"½ Liter", "2"}, {"½", "2"}, {"Liter", "23"}, {"Fläche m²", "0"},
		} {
			hits, err := db.SearchMessages(ctx, tc.query, 10, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got string
			for i := len(hits) - 1; i >= 0; i-- {
				got += hits[i].Message.ExternalID[1:]
			}
			if got != tc.want {
				t.Errorf("messages: search %q found %q, want %q", tc.query, got, tc.want)
			}
			articles, err := db.FindArticles(ctx, resonanz.ArticleFilter{Query: tc.query})
			if err != nil {
				t.Fatal(err)
			}
			got = ""
			for _, a := range articles {
				got += a.Title[1:]
			}
			if got != tc.want {
				t.Errorf("articles: search %q found %q, want %q", tc.query, got, tc.want)
			}
		}
	})
}
