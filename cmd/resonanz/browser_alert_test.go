package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// An alert raised while an agent looks at the inbox appears without a
// reload, and its crisis room lets a lead acknowledge and resolve it.
func TestBrowserAlertBannerAndCrisisRoom(t *testing.T) {
	ctx, dialog := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	logIn(t, ctx, m, newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead))
	if n := evalString(t, ctx, `String(document.querySelectorAll("#alerts .alert").length)`); n != "0" {
		t.Fatalf("%s alerts before any storm", n)
	}

	token, _ := m.DB.CreateAPIToken(bg, "test")
	at := time.Now().Add(-10 * time.Minute).UTC()
	sendMessages(t, m.URL(), token,
		resonanz.IncomingMessage{Channel: "mastodon", ExternalID: "s1", Author: resonanz.Author{Handle: "@a@example.social", DisplayName: "Ada"},
			Text: "Warenkorb nach dem Update leer! <b>#AppDesaster</b>", Time: at, Visibility: resonanz.Public},
		resonanz.IncomingMessage{Channel: "forum", ExternalID: "f1", Author: resonanz.Author{Handle: "bo", DisplayName: "Bo"},
			Text: "Seit dem Update ist mein Warenkorb weg", Time: at.Add(time.Minute), Visibility: resonanz.Public})
	page, _ := m.DB.SearchMessages(bg, "Warenkorb", 10, 0)
	alert := &resonanz.Alert{Key: "app", Severity: 3, Count: 46, Window: time.Hour, Expected: 5, Ratio: 9.2, Growth: 2,
		Channels: 2, Authors: 40, TopTerms: []string{"warenkorb", "update"}, FirstSeen: at, LastSeen: at.Add(time.Minute)}
	if err := m.DB.SaveAlert(bg, alert); err != nil {
		t.Fatal(err)
	}
	if err := m.DB.LinkAlertMessages(bg, alert.ID, []int64{page[0].Message.ID, page[1].Message.ID}); err != nil {
		t.Fatal(err)
	}
	m.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: alert.ID})

	t.Run("BannerAppearsLive", func(t *testing.T) {
		waitFor(t, ctx, `document.querySelectorAll("#alerts .alert").length === 1`)
		banner := evalString(t, ctx, `document.querySelector("#alerts").textContent`)
		if !strings.Contains(banner, "46 negative messages in 1 h, 9.2× the usual, on 2 channels") {
			t.Fatalf("banner says %q", banner)
		}
	})
	t.Run("CrisisRoom", func(t *testing.T) {
		must(t, chromedp.Do(ctx, clickAlert, chromedp.WaitVisible("#crisis-messages")))
		if n := evalString(t, ctx, `String(document.querySelectorAll("#crisis-messages li").length)`); n != "2" {
			t.Fatalf("crisis room lists %s messages, want 2", n)
		}
		if got := evalString(t, ctx, `[...document.querySelectorAll("#crisis-customers [data-remove-customer]")].map(b => b.dataset.removeCustomer).join(", ")`); got != "Bo, Ada" {
			t.Fatalf("affected customers %q", got)
		}
		if text := evalString(t, ctx, `document.querySelector("#crisis-messages").textContent`); !strings.Contains(text, "<b>#AppDesaster</b>") || dialog.Load() {
			t.Fatalf("customer markup was not shown as text: %q", text)
		}
	})
	t.Run("AcknowledgeThenResolve", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Click("#alert-acknowledge")))
		waitFor(t, ctx, `document.querySelector("#crisis-acknowledged") && document.querySelector("#crisis-acknowledged").textContent.startsWith("Lea Lehmann")`)
		must(t, chromedp.Do(ctx, chromedp.Click("#alert-resolve")))
		waitFor(t, ctx, `document.querySelector("#crisis-status").textContent === "resolved"`)
		steps := evalString(t, ctx, `Array.from(document.querySelectorAll("#alert-timeline li")).map(li => li.textContent.replace(/\s+/g, " ")).join(" | ")`)
		for _, want := range []string{"resonanz · raised", "Lea Lehmann · acknowledged", "Lea Lehmann · resolved"} {
			if !strings.Contains(steps, want) {
				t.Fatalf("the alert's timeline lacks %q: %s", want, steps)
			}
		}
		waitFor(t, ctx, `document.querySelectorAll("#alerts .alert").length === 0`)
	})
}
