package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// An agent chooses every conversation of the page with one box and assigns
// them to herself in one go.
func TestBrowserBulkAssign(t *testing.T) {
	ctx, _ := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	agent := newUser(t, m, "aylin@example.org", "Aylin Kaya", resonanz.RoleAgent)
	token, err := m.DB.CreateAPIToken(bg, "browser test")
	must(t, err)
	at := time.Now().Add(-time.Hour).UTC()
	sendMessages(t, m.URL(), token,
		resonanz.IncomingMessage{Channel: "email", ExternalID: "e1", Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna"},
			Text: "Wo ist mein Paket?", Time: at, Visibility: resonanz.Private},
		resonanz.IncomingMessage{Channel: "email", ExternalID: "e2", Author: resonanz.Author{Handle: "ben@example.org", DisplayName: "Ben"},
			Text: "Rechnung doppelt", Time: at.Add(time.Minute), Visibility: resonanz.Private})
	logIn(t, ctx, m, agent)
	must(t, chromedp.Do(ctx, chromedp.Click("#pick-all")))
	if n := evalString(t, ctx, `String(document.querySelectorAll("#bulk input.pick:checked").length)`); n != "2" {
		t.Fatalf("%s conversations chosen, want 2", n)
	}
	must(t, chromedp.Do(ctx, chromedp.SetValue("#bulk-owner", "me"), chromedp.Click("#bulk-apply")))
	waitFor(t, ctx, `document.querySelector("#bulk-done") !== null && document.readyState === "complete"`)
	owners := evalString(t, ctx, `[...document.querySelectorAll("tr.conversation td.owner")].map(e => e.textContent).join("|")`)
	if owners != "Aylin Kaya|Aylin Kaya" || !strings.Contains(evalString(t, ctx, `document.querySelector("#bulk-done").textContent`), "2") {
		t.Fatalf("owners after the bulk action: %q", owners)
	}
}
