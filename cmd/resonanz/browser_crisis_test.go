package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// During a storm an agent marks one affected customer as not wanting to be
// contacted (an answer to their own message could still leave, a bulk
// reply cannot), writes the public statement and answers everyone else at
// once from the crisis room.
func TestBrowserCrisisBulkReply(t *testing.T) {
	ctx, dialog := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	token, _ := m.DB.CreateAPIToken(bg, "test")
	quiet, storm := stormTraffic(time.Now())
	sendMessages(t, m.URL(), token, quiet...)
	logIn(t, ctx, m, agent)
	sendMessages(t, m.URL(), token, storm...)
	waitFor(t, ctx, `document.querySelectorAll("#alerts .alert").length === 1`)
	waitForStormRoom(t, m, len(storm))
	must(t, chromedp.Do(ctx, clickAlert, chromedp.WaitVisible("#crisis-messages")))
	room := evalString(t, ctx, `location.pathname`)

	t.Run("MarkOneCustomerOptedOut", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Click("#crisis-messages li a.text")))
		waitFor(t, ctx, pageReady("#consent-reason"))
		must(t, chromedp.Do(ctx, chromedp.SendKeys("#consent-reason", "asked by phone"), chromedp.Click("#consent-optout")))
		waitFor(t, ctx, `document.querySelector("#consent-state").textContent.includes("Does not want to be contacted")`)
		if state := evalString(t, ctx, `document.querySelector("#consent-state").textContent`); !strings.Contains(state, "Tom Berger") {
			t.Fatalf("contact wish shows %q", state)
		}
		if got := evalString(t, ctx, `document.querySelector("#consent-decisions").textContent`); !strings.Contains(got, "allowed: direct answer") ||
			!strings.Contains(got, "blocked: do not contact since") {
			t.Fatalf("beside the reply box: %q", got)
		}
	})
	optedOut := evalString(t, ctx, `document.querySelector("#customer-name").textContent`)
	optedOutPath := evalString(t, ctx, `location.pathname`)

	t.Run("WriteStatement", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+room), chromedp.WaitVisible("#statement-input"),
			chromedp.SendKeys("#statement-input", "Der Warenkorb-Fehler ist behoben."),
			chromedp.SendKeys("#statement-url", "https://hilfe.example.org/warenkorb"), chromedp.Click("#statement-public"), chromedp.Click("#statement-save")))
		waitFor(t, ctx, `document.querySelector("#statement-meta") !== null`)
		if got := evalString(t, ctx, `document.querySelector("#statement-text").textContent + " | " + document.querySelector("#statement-meta").textContent`); !strings.Contains(got, "Der Warenkorb-Fehler ist behoben. | Fit to be public · last changed by Tom Berger") {
			t.Fatalf("statement shows %q", got)
		}
	})
	t.Run("PreviewThenSend", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.SetValue("#bulk-template-de-sie", "Hallo {name},\nzu „{quote}“:\n{statement}"), chromedp.Click("#bulk-preview")))
		waitFor(t, ctx, pageReady("#bulk-count"))
		preview := evalString(t, ctx, `document.querySelector("#bulk-preview-result").textContent.replace(/\s+/g, " ")`)
		if !strings.Contains(preview, "The crisis room holds 60 customers; the reply goes to 59 of them (59 publicly, 0 privately).") ||
			!strings.Contains(preview, "Left out: 1: 1 for contact wishes") || !strings.Contains(preview, optedOut+" · Mastodon · public German (Sie) contact wish (blocked: do not contact since") {
			t.Fatalf("preview says %q", preview)
		}
		must(t, chromedp.Do(ctx, chromedp.Click("#bulk-send")))
		waitFor(t, ctx, `document.querySelector("#bulk-result") !== null`)
		if got := evalString(t, ctx, `document.querySelector("#bulk-result").textContent`); !strings.Contains(got, "sent to 59, skipped 1") {
			t.Fatalf("result says %q", got)
		}
		if dialog.Load() {
			t.Fatal("a JavaScript dialog opened")
		}
	})
	t.Run("RepliesQueued", func(t *testing.T) {
		hits, err := m.DB.SearchMessages(bg, "behoben", 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 59 {
			t.Fatalf("%d replies stored, want 59", len(hits))
		}
		for _, h := range hits {
			if "/conversations/"+strconv.FormatInt(h.Message.ConversationID, 10) == optedOutPath {
				t.Fatalf("the opted-out customer got a reply: %q", h.Message.Text)
			}
			// Nobody's words are quoted back: the manager ticked no one.
			if h.Message.Visibility != resonanz.Public || !strings.HasPrefix(h.Message.Text, "Hallo @angry") ||
				!strings.HasSuffix(h.Message.Text, ",\nDer Warenkorb-Fehler ist behoben. https://hilfe.example.org/warenkorb") {
				t.Fatalf("reply %s %q", h.Message.Visibility, h.Message.Text)
			}
		}
	})
}

// pageReady is a waitFor condition: a page with the selector has loaded, so
// that the nodes chromedp finds next belong to it.
func pageReady(selector string) string {
	return `document.readyState === "complete" && document.querySelector("` + selector + `") !== null`
}
