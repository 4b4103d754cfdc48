package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// The reply box of a Mastodon conversation counts down the 500 characters,
// less the mention every reply begins with, signature included; past them
// it offers numbered replies, which go out each within the limit.
func TestBrowserReplyCountdownAndSplit(t *testing.T) {
	ctx, dialog := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	must(t, m.DB.SaveSignature(bg, &resonanz.Signature{UserID: agent.ID, Language: resonanz.LangGerman, Text: "Tom"}))
	token, err := m.DB.CreateAPIToken(bg, "browser test")
	must(t, err)
	sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "mastodon", ExternalID: "m1",
		Author: resonanz.Author{Handle: "@anna@example.social", DisplayName: "Anna Schmidt"},
		Text:   "@shop Seit drei Wochen keine Lieferung! Wo bleibt mein Paket?", Time: time.Now().Add(-time.Hour).UTC(), Visibility: resonanz.Public})
	page, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{})
	if err != nil || len(page.Conversations) != 1 {
		t.Fatalf("conversations %v, %v", page, err)
	}
	logIn(t, ctx, m, agent)
	must(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprint(m.URL(), "/conversations/", page.Conversations[0].ID)), chromedp.WaitVisible("#reply-text")))
	waitFor(t, ctx, `document.readyState === "complete"`)
	counter := func() string { return evalString(t, ctx, `document.querySelector("#reply-count").textContent`) }
	signed := utf8.RuneCountInString("\n\nTom")
	limit := 500 - utf8.RuneCountInString("@anna@example.social ")
	sentence := "Wir haben Ihr Paket gefunden und schicken es heute noch los. " // 61 characters

	t.Run("CountsDown", func(t *testing.T) {
		if got := counter(); got != fmt.Sprintf("%d characters left", limit) {
			t.Fatalf("the empty box says %q", got)
		}
		must(t, chromedp.Do(ctx, chromedp.SendKeys("#reply-text", "Hallo Anna,")))
		if got, want := counter(), fmt.Sprintf("%d characters left", limit-11-signed); got != want {
			t.Fatalf("counter %q, want %q", got, want)
		}
		if !evalBool(t, ctx, `document.querySelector("#reply-split").hidden`) {
			t.Fatal("the split is offered for a short reply")
		}
	})
	t.Run("OffersNumberedReplies", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.SetValue("#reply-text", strings.Repeat(sentence, 12))))
		evalString(t, ctx, `document.querySelector("#reply-text").dispatchEvent(new Event("input")); ""`)
		if got, want := counter(), fmt.Sprintf("%d characters too many", 12*61-1+signed-limit); got != want {
			t.Fatalf("counter %q, want %q", got, want)
		}
		if evalBool(t, ctx, `document.querySelector("#reply-split").hidden`) {
			t.Fatal("no offer to split a reply too long for Mastodon")
		}
		if got := evalString(t, ctx, `document.querySelector("#reply-split").textContent`); got != "Send as 2 numbered replies" {
			t.Fatalf("the offer says %q", got)
		}
	})
	t.Run("SplitGoesOut", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Click("#reply-split")))
		waitFor(t, ctx, `document.querySelectorAll("#timeline li.out").length === 2 && document.readyState === "complete"`)
		texts := evalString(t, ctx, `[...document.querySelectorAll("#timeline li.out .text")].map(e => e.textContent).join("\u0000")`)
		parts := strings.Split(texts, "\x00")
		if !strings.HasSuffix(parts[0], "(1/2)") || !strings.HasSuffix(parts[1], "Tom (2/2)") {
			t.Fatalf("the replies are %q", parts)
		}
		for _, p := range parts {
			if n := utf8.RuneCountInString(p); n > limit {
				t.Fatalf("a reply of %d characters went out", n)
			}
		}
	})
	if dialog.Load() {
		t.Fatal("a JavaScript dialog opened")
	}
}
