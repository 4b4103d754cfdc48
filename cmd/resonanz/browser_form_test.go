package main

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// TestBrowserPublicForm: a person writes through the public form in a real
// browser, once with JavaScript off and once with it on; a bot that fills
// the honeypot stores nothing; the kiosk starts afresh by itself after an entry.
func TestBrowserPublicForm(t *testing.T) {
	m, _ := startMain(t, false)
	ctx := context.Background()
	for _, a := range []*resonanz.ChannelAccount{
		{Kind: "form", Name: "Kontakt", Settings: map[string]string{"slug": "kontakt", "consent": "Ich bin einverstanden."}},
		{Kind: "form", Name: "Ihre Meinung", Settings: map[string]string{"slug": "meinung", "store": "Filiale Mitte"}},
	} {
		must(t, m.DB.CreateChannelAccount(ctx, a))
	}
	count := func(channel string) int {
		page, err := m.DB.FindConversations(ctx, resonanz.ConversationFilter{Channel: channel, Limit: 50})
		must(t, err)
		return len(page.Conversations)
	}
	for _, tc := range []struct {
		name   string
		script bool
		email  string
	}{{"WithoutJavaScript", false, "kim@example.org"}, {"WithJavaScript", true, "ben@example.org"}} {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := newBrowser(t)
			scripts(t, b, tc.script)
			before := count("form")
			must(t, chromedp.Do(b, chromedp.Navigate(m.URL()+"/forms/kontakt"), chromedp.WaitVisible("#f-text"),
				chromedp.SendKeys("#f-text", "Die Rechnung stimmt nicht."), chromedp.SendKeys("#f-name", "Kim Meyer"),
				chromedp.SendKeys("#f-email", tc.email), chromedp.Click("#f-consent"), chromedp.Click("#form-send"),
				chromedp.WaitVisible("#form-thanks")))
			if got := count("form"); got != before+1 {
				t.Fatalf("%d form conversations, want %d", got, before+1)
			}
		})
	}
	t.Run("RequiredFieldsAskFirst", func(t *testing.T) {
		b, _ := newBrowser(t)
		scripts(t, b, false)
		before := count("form")
		// Without the consent ticked the browser itself does not send.
		must(t, chromedp.Do(b, chromedp.Navigate(m.URL()+"/forms/kontakt"), chromedp.WaitVisible("#f-text"),
			chromedp.SendKeys("#f-text", "Hallo"), chromedp.SendKeys("#f-email", "kim@example.org"), chromedp.Click("#form-send")))
		if valid := evalString(t, b, `String(document.querySelector("#public-form").checkValidity())`); valid != "false" {
			t.Fatal("the form without consent counts as complete")
		}
		if got := count("form"); got != before {
			t.Fatalf("%d form conversations, want %d", got, before)
		}
	})
	t.Run("HoneypotFilledByABot", func(t *testing.T) {
		b, _ := newBrowser(t)
		before := count("form")
		must(t, chromedp.Do(b, chromedp.Navigate(m.URL()+"/forms/kontakt"), chromedp.WaitVisible("#f-text"),
			chromedp.SendKeys("#f-text", "Billige Uhren!"), chromedp.SendKeys("#f-email", "bot@example.org"), chromedp.Click("#f-consent"),
			chromedp.SetValue("#f-website", "https://spam.example"), chromedp.Click("#form-send"),
			chromedp.WaitVisible("#form-thanks")))
		if got := count("form"); got != before {
			t.Fatalf("the bot's message was stored: %d form conversations, want %d", got, before)
		}
	})
	t.Run("KioskStartsAfresh", func(t *testing.T) {
		b, _ := newBrowser(t)
		scripts(t, b, false)
		must(t, chromedp.Do(b, chromedp.Navigate(m.URL()+"/forms/meinung/kiosk"), chromedp.WaitVisible("#kiosk-store"),
			chromedp.SendKeys("#f-text", "Sehr freundliche Beratung!"), chromedp.Click("#form-send"), chromedp.WaitVisible("#form-thanks")))
		// The thank-you page goes back to an empty form by itself, without script.
		must(t, chromedp.Do(b, chromedp.WaitVisible("#public-form")))
		if text := evalString(t, b, `document.querySelector("#f-text").value + "|" + location.pathname`); text != "|/forms/meinung/kiosk" {
			t.Fatalf("after the reset: %q", text)
		}
		if got := count("instore"); got != 1 {
			t.Fatalf("%d in-store conversations, want 1", got)
		}
	})
}

// scripts switches the page's JavaScript on or off, as a person may have it.
func scripts(t *testing.T, ctx context.Context, on bool) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
	must(t, err)
}
