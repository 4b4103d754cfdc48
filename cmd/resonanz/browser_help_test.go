package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// TestBrowserHelpCenter: with JavaScript off, a customer on a phone-sized
// screen searches the help center, reads the article the stemmed search
// found, and answers "Did this help?".
func TestBrowserHelpCenter(t *testing.T) {
	m, _ := startMain(t, false)
	ctx := context.Background()
	lea := &resonanz.User{Login: "lea", Name: "Lea", Role: resonanz.RoleLead}
	must(t, m.DB.CreateUser(ctx, lea, "correct horse battery"))
	returns := &resonanz.Article{Language: "de", Category: "Versand", Title: "Rücksendungen kostenlos", Published: true,
		Body: "## So geht es\n1. Paket **gut** verpacken\n2. Etikett aufkleben"}
	must(t, m.DB.SaveArticle(ctx, returns, lea))
	must(t, m.DB.SaveArticle(ctx, &resonanz.Article{Language: "de", Category: "Konto", Title: "Passwort vergessen", Published: true,
		Body: "Klicken Sie auf »Passwort vergessen«."}, lea))

	b, _ := newBrowser(t)
	scripts(t, b, false)
	must(t, chromedp.Do(b, chromedp.EmulateViewport(390, 844), chromedp.Navigate(m.URL()+"/help?lang=de"),
		chromedp.WaitVisible("#help-q"), chromedp.SendKeys("#help-q", "Rücksendung Pakete"), chromedp.Click("#help-search-button"),
		chromedp.WaitVisible("#help-count")))
	if got := evalString(t, b, `document.querySelector("#help-count").textContent`); got != "1 Artikel gefunden." {
		t.Fatalf("search says %q", got)
	}
	if got := evalString(t, b, `document.querySelector("#help-results").textContent`); !strings.Contains(got, "Rücksendungen kostenlos") ||
		strings.Contains(got, "Passwort") {
		t.Fatalf("results: %q", got)
	}
	if wide := evalString(t, b, `String(document.documentElement.scrollWidth > window.innerWidth)`); wide != "false" {
		t.Error("the results page scrolls sideways on a phone")
	}
	must(t, chromedp.Do(b, chromedp.Click("#help-results a"), chromedp.WaitVisible("#help-article")))
	if got := evalString(t, b, `document.querySelector("#help-article strong").textContent + "|" + document.querySelectorAll("#help-article ol li").length`); got != "gut|2" {
		t.Fatalf("the article's Markdown renders as %q", got)
	}
	must(t, chromedp.Do(b, chromedp.Click("#help-yes"), chromedp.WaitVisible("#help-thanks")))
	a, err := m.DB.FindArticle(ctx, returns.ID)
	must(t, err)
	if a.Helpful != 1 {
		t.Fatalf("helpful counted %d times, want 1", a.Helpful)
	}
}
