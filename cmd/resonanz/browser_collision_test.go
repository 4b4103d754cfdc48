package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// Two agents open the same conversation in two browsers: each sees the
// other viewing, and Tom sees Lea writing, live. Lea answers first; Tom's
// answer, written before hers arrived, comes back with his text kept and
// is sent only when he says so.
func TestBrowserCollisionWarning(t *testing.T) {
	tomCtx, dialog := newBrowser(t)
	leaCtx, cancel := chromedp.NewContext(tomCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	m, _ := startMain(t, false)
	bg := context.Background()
	tom := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	lea := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleAgent)
	token, err := m.DB.CreateAPIToken(bg, "browser test")
	must(t, err)
	sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "email", ExternalID: "e1",
		Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna Schmidt"},
		Text:   "Mein Paket ist beschädigt angekommen.", Time: time.Now().Add(-time.Hour).UTC(), Visibility: resonanz.Private})
	page, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{})
	if err != nil || len(page.Conversations) != 1 {
		t.Fatalf("conversations %v, %v", page, err)
	}
	conversation := fmt.Sprint(m.URL(), "/conversations/", page.Conversations[0].ID)
	presence := func(name string) string {
		return fmt.Sprintf(`document.querySelector("#presence").textContent.includes(%q)`, name)
	}

	logIn(t, tomCtx, m, tom)
	logIn(t, leaCtx, m, lea)
	must(t, chromedp.Do(tomCtx, chromedp.Navigate(conversation), chromedp.WaitVisible("#reply-text")))
	must(t, chromedp.Do(leaCtx, chromedp.Navigate(conversation), chromedp.WaitVisible("#reply-text")))

	t.Run("BothSeeTheOtherViewing", func(t *testing.T) {
		waitFor(t, leaCtx, presence("Tom Berger is viewing"))
		waitFor(t, tomCtx, presence("Lea Lehmann is viewing"))
	})
	t.Run("TomSeesLeaWriting", func(t *testing.T) {
		must(t, chromedp.Do(leaCtx, chromedp.SendKeys("#reply-text", "Das tut uns leid, wir schicken Ersatz.")))
		waitFor(t, tomCtx, presence("Lea Lehmann is writing a reply…"))
	})
	t.Run("SendingOverLeasAnswerAsksFirst", func(t *testing.T) {
		must(t, chromedp.Do(tomCtx, chromedp.SendKeys("#reply-text", "Bitte schicken Sie uns ein Foto.")))
		must(t, chromedp.Do(leaCtx, chromedp.Click("#reply-send")))
		waitFor(t, leaCtx, `[...document.querySelectorAll("#timeline li.out .text")].some(e => e.textContent === "Das tut uns leid, wir schicken Ersatz.") && document.readyState === "complete"`)
		must(t, chromedp.Do(tomCtx, chromedp.Click("#reply-send")))
		waitFor(t, tomCtx, `document.querySelector("#reply-anyway") !== null && document.readyState === "complete"`)
		if got := evalString(t, tomCtx, `document.querySelector("#reply-text").value`); got != "Bitte schicken Sie uns ein Foto." {
			t.Fatalf("the refused reply box holds %q", got)
		}
		if got := evalString(t, tomCtx, `document.querySelector("#timeline li.arrived .text").textContent`); got != "Das tut uns leid, wir schicken Ersatz." {
			t.Fatalf("the marked new message is %q", got)
		}
		must(t, chromedp.Do(tomCtx, chromedp.Click("#reply-anyway")))
		waitFor(t, tomCtx, `document.querySelector("#reply-anyway") === null && [...document.querySelectorAll("#timeline li.out .text")].some(e => e.textContent === "Bitte schicken Sie uns ein Foto.")`)
	})
	t.Run("LeavingShowsAtOnce", func(t *testing.T) {
		must(t, chromedp.Do(leaCtx, chromedp.Navigate(m.URL()+"/alerts"), chromedp.WaitVisible("main")))
		waitFor(t, tomCtx, `document.querySelector("#presence").textContent === ""`)
	})
	if dialog.Load() {
		t.Fatal("a JavaScript dialog opened")
	}
}
