package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
)

// TestHelpCenter: anyone reads and searches the published articles of
// their language, drafts stay hidden, article text is rendered safely, and
// "Did this help?" counts until an address answers too often.
func TestHelpCenter(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	lea, me := logInAs(t, base, db, "lea", resonanz.RoleLead)
	ann, _ := logInAs(t, base, db, "ann", resonanz.RoleAgent)
	returns := &resonanz.Article{Language: "de", Category: "Versand", Title: "Rücksendungen", Published: true,
		Body: "## Schritte\n- Paket packen\n- [Etikett drucken](https://shop.example/etikett)\n\n<script>alert(1)</script> [x](javascript:alert(1))"}
	draft := &resonanz.Article{Language: "de", Category: "Versand", Title: "Geheimer Entwurf", Body: "Pakete im Winter"}
	english := &resonanz.Article{Language: "en", Category: "Shipping", Title: "Returns", Body: "Pack the parcel.", Published: true}
	for _, a := range []*resonanz.Article{returns, draft, english} {
		if err := db.SaveArticle(ctx, a, me); err != nil {
			t.Fatal(err)
		}
	}
	anyone := &session{t: t, base: base}

	t.Run("IndexByCategoryInTheReadersLanguage", func(t *testing.T) {
		status, body := anyone.get("/help?lang=de")
		wantPage(t, status, body, http.StatusOK, "<h2>Versand</h2>")
		for _, want := range []string{`<html lang="de">`, `<main id="main">`, `role="search"`, `<label for="help-q">`, "Rücksendungen"} {
			if !strings.Contains(body, want) {
				t.Errorf("the index lacks %q", want)
			}
		}
		if strings.Contains(body, "Geheimer Entwurf") || strings.Contains(body, "Returns") || strings.Contains(body, "<script") {
			t.Error("the German index shows a draft, an English article or a script")
		}
	})
	t.Run("SearchStems", func(t *testing.T) {
		status, body := anyone.get("/help?lang=de&q=R%C3%BCcksendung+Pakete")
		wantPage(t, status, body, http.StatusOK, "1 Artikel gefunden.")
		if !strings.Contains(body, `href="/help/`+itoa(returns.ID)+`"`) {
			t.Error("the search does not link the article")
		}
		status, body = anyone.get("/help?lang=de&q=Winter")
		wantPage(t, status, body, http.StatusOK, "0 Artikel gefunden.")
		status, body = anyone.get("/help?lang=en&q=" + strings.Repeat("x", 600))
		wantPage(t, status, body, http.StatusBadRequest, "too long")
	})
	t.Run("ArticleIsSafe", func(t *testing.T) {
		status, body := anyone.get("/help/" + itoa(returns.ID))
		wantPage(t, status, body, http.StatusOK, `<a href="https://shop.example/etikett" rel="nofollow">Etikett drucken</a>`)
		if strings.Contains(body, "<script>") || strings.Contains(body, "javascript:") {
			t.Error("the article runs script")
		}
		if !strings.Contains(body, "&lt;script&gt;") {
			t.Error("the typed tag is not shown as text")
		}
	})
	t.Run("DraftIsNotPublic", func(t *testing.T) {
		status, body := anyone.get("/help/" + itoa(draft.ID))
		wantPage(t, status, body, http.StatusNotFound, "no such article")
		if status, _ := anyone.post("/help/"+itoa(draft.ID)+"/vote", "helpful", "yes"); status != http.StatusNotFound {
			t.Errorf("vote on a draft: %d", status)
		}
	})
	t.Run("AgentsReadDraftsLeadsWrite", func(t *testing.T) {
		status, body := ann.get("/articles/" + itoa(draft.ID))
		wantPage(t, status, body, http.StatusOK, "Pakete im Winter")
		if strings.Contains(body, `id="article-form"`) {
			t.Error("an agent gets the form to change articles")
		}
		if status, _ := ann.post("/articles/"+itoa(draft.ID), "title", "x"); status != http.StatusForbidden {
			t.Errorf("an agent changing an article: %d", status)
		}
		status, _ = lea.post("/articles/"+itoa(draft.ID), "title", "Lieferzeiten", "category", "Versand", "language", "de",
			"body", "Pakete im *Winter*", "published", "1")
		if status != http.StatusSeeOther {
			t.Fatalf("publishing: %d", status)
		}
		status, body = anyone.get("/help/" + itoa(draft.ID))
		wantPage(t, status, body, http.StatusOK, "Pakete im <em>Winter</em>")
		status, body = lea.post("/articles", "title", "", "category", "Versand", "language", "de", "body", "x")
		wantPage(t, status, body, http.StatusBadRequest, "An article needs a title.")
	})
	t.Run("DidThisHelp", func(t *testing.T) {
		path := "/help/" + itoa(english.ID)
		status, _ := anyone.post(path+"/vote", "helpful", "yes")
		if status != http.StatusSeeOther || anyone.Location != path+"?voted=1#vote" {
			t.Fatalf("vote: %d to %q", status, anyone.Location)
		}
		status, body := anyone.get(path + "?voted=1")
		wantPage(t, status, body, http.StatusOK, `id="help-thanks"`)
		if status, _ := anyone.post(path+"/vote", "helpful", "maybe"); status != http.StatusBadRequest {
			t.Errorf("a vote that is neither: %d", status)
		}
		refused := false
		for range 20 {
			if status, _ := anyone.post(path+"/vote", "helpful", "no"); status == http.StatusTooManyRequests {
				refused = true
				break
			}
		}
		if !refused {
			t.Fatal("twenty more votes from one address were all counted")
		}
		a, _ := db.FindArticle(ctx, english.ID)
		if a.Helpful != 1 || a.Unhelpful+a.Helpful > 10 {
			t.Errorf("counted %d yes, %d no", a.Helpful, a.Unhelpful)
		}
	})
}
