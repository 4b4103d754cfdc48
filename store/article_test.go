package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestHelpArticles(t *testing.T) {
	contract(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		returns := &resonanz.Article{Language: "de", Category: "Versand", Title: "Rücksendungen", Body: "So senden Sie **Pakete** zurück.", Published: true}
		draft := &resonanz.Article{Language: "de", Category: "Versand", Title: "Lieferzeiten im Winter", Body: "Noch nicht fertig: Pakete brauchen länger."}
		english := &resonanz.Article{Language: "en", Category: "Shipping", Title: "Returns", Body: "How to send parcels back.", Published: true}
		for _, a := range []*resonanz.Article{returns, draft, english} {
			if err := db.SaveArticle(ctx, a, lea); err != nil {
				t.Fatal(err)
			}
		}
		titles := func(f resonanz.ArticleFilter) []string {
			t.Helper()
			list, err := db.FindArticles(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, a := range list {
				out = append(out, a.Title)
			}
			return out
		}
		t.Run("SearchStemsLikeTheInbox", func(t *testing.T) {
			if got := titles(resonanz.ArticleFilter{Language: "de", PublishedOnly: true, Query: "Rücksendung Paket"}); len(got) != 1 || got[0] != "Rücksendungen" {
				t.Errorf("search: %v", got)
			}
			if got := titles(resonanz.ArticleFilter{Language: "en", PublishedOnly: true, Query: "parcel"}); len(got) != 1 || got[0] != "Returns" {
				t.Errorf("English search: %v", got)
			}
		})
		t.Run("DraftsOnlyForStaff", func(t *testing.T) {
			if got := titles(resonanz.ArticleFilter{Language: "de", PublishedOnly: true, Query: "Pakete"}); len(got) != 1 {
				t.Errorf("the public finds %v", got)
			}
			if got := titles(resonanz.ArticleFilter{Language: "de", Query: "Pakete"}); len(got) != 2 {
				t.Errorf("staff find %v", got)
			}
			if err := db.CountArticleVote(ctx, draft.ID, true); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Errorf("vote on a draft: %v", err)
			}
		})
		t.Run("ChangedTextIsSearchedAnew", func(t *testing.T) {
			returns.Body = "Umtausch ist kostenlos."
			if err := db.SaveArticle(ctx, returns, lea); err != nil {
				t.Fatal(err)
			}
			if got := titles(resonanz.ArticleFilter{PublishedOnly: true, Query: "Pakete"}); len(got) != 0 {
				t.Errorf("the old text is still found: %v", got)
			}
			if got := titles(resonanz.ArticleFilter{PublishedOnly: true, Query: "kostenlos"}); len(got) != 1 {
				t.Errorf("the new text is not found: %v", got)
			}
		})
		t.Run("Votes", func(t *testing.T) {
			for _, helpful := range []bool{true, true, false} {
				if err := db.CountArticleVote(ctx, english.ID, helpful); err != nil {
					t.Fatal(err)
				}
			}
			a, err := db.FindArticle(ctx, english.ID)
			if err != nil || a.Helpful != 2 || a.Unhelpful != 1 {
				t.Errorf("votes: %+v %v", a, err)
			}
		})
		t.Run("ErrTitleRequired", func(t *testing.T) {
			err := db.SaveArticle(ctx, &resonanz.Article{Language: "de", Category: "x", Body: "y"}, lea)
			if resonanz.ErrorField(err) != "title" {
				t.Errorf("no title: %v", err)
			}
		})
		t.Run("PublishStatement", func(t *testing.T) {
			alert := &resonanz.Alert{Key: "app", Severity: 3, Count: 40, Window: time.Hour, Expected: 4, Ratio: 10, Channels: 1, Authors: 40,
				FirstSeen: t0, LastSeen: t0}
			if err := db.SaveAlert(ctx, alert); err != nil {
				t.Fatal(err)
			}
			a := &resonanz.Article{Language: "de", Category: "Aktuell", Title: "Störung der App"}
			if err := db.PublishStatement(ctx, alert.ID, a, lea); resonanz.ErrorCode(err) != resonanz.EINVALID {
				t.Fatalf("an alert without statement: %v", err)
			}
			if err := db.SetStatement(ctx, alert.ID, lea, resonanz.Statement{Text: "Die App ist gestört, wir arbeiten daran.", URL: "https://status.example"}); err != nil {
				t.Fatal(err)
			}
			for range 2 {
				if err := db.PublishStatement(ctx, alert.ID, &resonanz.Article{Language: "de", Category: "Aktuell", Title: "Störung der App"}, lea); err != nil {
					t.Fatal(err)
				}
			}
			list, err := db.FindArticles(ctx, resonanz.ArticleFilter{PublishedOnly: true, Query: "gestört"})
			if err != nil || len(list) != 1 || list[0].AlertID != alert.ID || list[0].Body != "Die App ist gestört, wir arbeiten daran.\n\n[https://status.example](https://status.example)" {
				t.Fatalf("published statement: %+v %v", list, err)
			}
		})
	})
}
