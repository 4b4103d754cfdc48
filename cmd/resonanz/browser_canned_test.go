package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// Typing "/liefer" in the reply box lists the canned reply about late
// deliveries; Enter puts its text, filled for customer and agent, in place
// of what was typed, and the agent sends it, signed.
func TestBrowserCannedReply(t *testing.T) {
	ctx, dialog := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	for _, c := range []*resonanz.CannedReply{
		{Title: "Lieferverzug", Language: resonanz.LangGerman, Text: "Hallo {name}, es tut uns leid, dass Ihre Lieferung auf sich warten lässt. Wir kümmern uns. Viele Grüße, {agent}"},
		{Title: "Rechnung doppelt", Language: resonanz.LangGerman, Text: "Hallo {name}, die zweite Rechnung ist storniert."},
	} {
		must(t, m.DB.SaveCannedReply(bg, c, lead))
	}
	must(t, m.DB.SaveSignature(bg, &resonanz.Signature{UserID: agent.ID, Language: resonanz.LangGerman, Text: "{agent} · Kundenservice"}))
	token, err := m.DB.CreateAPIToken(bg, "browser test")
	must(t, err)
	sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "email", ExternalID: "e1",
		Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna Schmidt"},
		Text:   "Seit drei Wochen keine Lieferung! Wo bleibt mein Paket?", Time: time.Now().Add(-time.Hour).UTC(), Visibility: resonanz.Private})
	page, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{})
	if err != nil || len(page.Conversations) != 1 {
		t.Fatalf("conversations %v, %v", page, err)
	}
	filled := "Hallo Anna Schmidt, es tut uns leid, dass Ihre Lieferung auf sich warten lässt. Wir kümmern uns. Viele Grüße, Tom Berger"

	logIn(t, ctx, m, agent)
	must(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprint(m.URL(), "/conversations/", page.Conversations[0].ID)), chromedp.WaitVisible("#reply-text")))
	waitFor(t, ctx, `document.readyState === "complete"`)

	t.Run("SlashSearches", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Click("#reply-text"), chromedp.SendKeys("#reply-text", "/liefer")))
		waitFor(t, ctx, `!document.querySelector("#canned-list").hidden`)
		if got := evalString(t, ctx, `[...document.querySelectorAll("#canned-list li[role=option] strong")].map(e => e.textContent).join("|")`); got != "Lieferverzug" {
			t.Fatalf("the list shows %q, want only Lieferverzug", got)
		}
	})
	t.Run("EnterInsertsTheFilledText", func(t *testing.T) {
		press(t, ctx, '\r')
		if got := evalString(t, ctx, `document.querySelector("#reply-text").value`); got != filled {
			t.Fatalf("the reply box holds %q, want %q", got, filled)
		}
		if !evalBool(t, ctx, `document.querySelector("#canned-list").hidden`) {
			t.Fatal("the list stays open after the choice")
		}
	})
	t.Run("SendSigned", func(t *testing.T) {
		if got := evalString(t, ctx, `document.querySelector("#signature-text").textContent`); got != "Tom Berger · Kundenservice" {
			t.Fatalf("the reply box shows the signature %q", got)
		}
		must(t, chromedp.Do(ctx, chromedp.Click("#reply-send")))
		waitFor(t, ctx, fmt.Sprintf(`[...document.querySelectorAll("#timeline li.out .text")].some(e => e.textContent === %q)`, filled+"\n\nTom Berger · Kundenservice"))
	})
	t.Run("SelectAndButton", func(t *testing.T) {
		waitFor(t, ctx, pageReady("#canned-select")) // the page the reply came back on has loaded
		must(t, chromedp.Do(ctx, chromedp.WaitVisible("#canned-select"), chromedp.SendKeys("#reply-text", "Guten Tag,")))
		evalString(t, ctx, `(() => { const s = document.querySelector("#canned-select");
			s.value = [...s.options].find(o => o.textContent === "Rechnung doppelt").value; return "ok"; })()`)
		must(t, chromedp.Do(ctx, chromedp.Click("#canned-insert")))
		if got := evalString(t, ctx, `document.querySelector("#reply-text").value`); got != "Guten Tag,\n\nHallo Anna Schmidt, die zweite Rechnung ist storniert." {
			t.Fatalf("the reply box holds %q", got)
		}
	})
	if dialog.Load() {
		t.Fatal("a JavaScript dialog opened")
	}
}
