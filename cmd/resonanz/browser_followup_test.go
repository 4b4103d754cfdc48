package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// An agent promises a callback and grants a voucher above their limit; an
// admin approves the voucher from the goodwill page.
func TestBrowserPromiseAndGoodwillApproval(t *testing.T) {
	ctx, dialog := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	admin := newUser(t, m, "ada@example.org", "Ada Kraus", resonanz.RoleAdmin)
	token, err := m.DB.CreateAPIToken(bg, "browser test")
	if err != nil {
		t.Fatal(err)
	}
	sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "email", ExternalID: "e1",
		Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna Schmidt"},
		Text:   "Mein Paket kam zwei Wochen zu spät, ich will eine Entschädigung.", Time: time.Now().Add(-time.Hour).UTC(), Visibility: resonanz.Private})
	page, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{})
	if err != nil || len(page.Conversations) != 1 {
		t.Fatalf("conversations %v, %v", page, err)
	}
	conversation := fmt.Sprint(m.URL(), "/conversations/", page.Conversations[0].ID)

	t.Run("AgentRecordsPromise", func(t *testing.T) {
		logIn(t, ctx, m, agent)
		must(t, chromedp.Do(ctx, chromedp.Navigate(conversation), chromedp.WaitVisible("#promise-form")))
		must(t, chromedp.Do(ctx, chromedp.SendKeys("#promise-text", "Rückruf morgen 10 Uhr"), chromedp.Click("#promise-add")))
		waitFor(t, ctx, `[...document.querySelectorAll("#promise-list .promise .text")].some(e => e.textContent === "Rückruf morgen 10 Uhr")`)
		if owner := evalString(t, ctx, `document.querySelector("#promise-list .promise-owner").textContent`); owner != "Tom Berger" {
			t.Fatalf("promise owner %q, want the agent", owner)
		}
	})
	t.Run("FormsThatFailKeepWhatWasTyped", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.SendKeys("#promise-text", "Gutschrift prüfen"), chromedp.SetValue("#promise-due", "2020-01-15T10:00"),
			chromedp.Click("#promise-add")))
		waitFor(t, ctx, `document.querySelector("#promise-error") !== null`)
		if text, due := evalString(t, ctx, `document.querySelector("#promise-text").value`), evalString(t, ctx, `document.querySelector("#promise-due").value`); text != "Gutschrift prüfen" || due != "2020-01-15T10:00" {
			t.Fatalf("after a due time in the past the promise form holds %q, %q; want what was typed", text, due)
		}
		must(t, chromedp.Do(ctx, chromedp.SetValue("#goodwill-kind", "voucher"), chromedp.SendKeys("#goodwill-amount", "0"),
			chromedp.SendKeys("#goodwill-reason", "Lieferung verspätet"), chromedp.Click("#goodwill-grant")))
		waitFor(t, ctx, `document.querySelector("#goodwill-error") !== null`)
		if amount, reason := evalString(t, ctx, `document.querySelector("#goodwill-amount").value`), evalString(t, ctx, `document.querySelector("#goodwill-reason").value`); amount != "0" || reason != "Lieferung verspätet" {
			t.Fatalf("after a zero amount the goodwill form holds %q, %q; want what was typed", amount, reason)
		}
		must(t, chromedp.Do(ctx, chromedp.Navigate(conversation), chromedp.WaitVisible("#goodwill-form")))
	})
	t.Run("AgentGrantsVoucherAboveLimit", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.SetValue("#goodwill-kind", "voucher"), chromedp.SendKeys("#goodwill-amount", "35,00"),
			chromedp.SendKeys("#goodwill-reason", "Lieferung zwei Wochen zu spät"), chromedp.Click("#goodwill-grant")))
		waitFor(t, ctx, `document.querySelector("#grant-list .grant.state-pending") !== null`)
		if state := evalString(t, ctx, `document.querySelector("#grant-list .grant-state").textContent`); state != "waiting for approval" {
			t.Fatalf("grant shows %q", state)
		}
		if n := evalString(t, ctx, `String(document.querySelectorAll(".grant-approve").length)`); n != "0" {
			t.Fatalf("the agent is offered %s approve buttons", n)
		}
	})
	t.Run("AdminApproves", func(t *testing.T) {
		logIn(t, ctx, m, admin)
		must(t, chromedp.Do(ctx, chromedp.Click("#nav-goodwill"), chromedp.WaitVisible("#pending-list")))
		if text := evalString(t, ctx, `document.querySelector("#pending-list").textContent`); !strings.Contains(text, "35,00 €") || !strings.Contains(text, "Tom Berger") {
			t.Fatalf("pending approvals show %q", text)
		}
		must(t, chromedp.Do(ctx, chromedp.SendKeys("#pending-list input[name=note]", "Stammkundin"), chromedp.Click("#pending-list .grant-approve")))
		waitFor(t, ctx, `document.querySelector("#pending-list .grant") === null && document.querySelector("#goodwill-total").textContent === "35,00 €"`)
	})
	t.Run("ConversationShowsBoth", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Navigate(conversation), chromedp.WaitVisible("#audit")))
		audit := evalString(t, ctx, `document.querySelector("#audit").textContent`)
		for _, want := range []string{"promise: Rückruf morgen 10 Uhr", "Voucher 35,00 €: approval requested", "Ada Kraus · goodwill: Voucher 35,00 € of Tom Berger approved: Stammkundin"} {
			if !strings.Contains(audit, want) {
				t.Errorf("audit trail lacks %q:\n%s", want, audit)
			}
		}
		if state := evalString(t, ctx, `document.querySelector("#grant-list .grant-state").textContent`); state != "granted" {
			t.Fatalf("grant shows %q after approval", state)
		}
		if dialog.Load() {
			t.Fatal("a JavaScript dialog opened")
		}
	})
}
