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

// Several open alerts take one line on every page. An agent hides it; live
// news of the same alerts keeps it hidden, an alert that grows more severe
// brings it back.
func TestBrowserAlertBar(t *testing.T) {
	m, _ := startMain(t, false)
	ctx, _ := newBrowser(t)
	bg := context.Background()
	now := time.Now()
	raise := func(a *resonanz.Alert) *resonanz.Alert {
		t.Helper()
		must(t, m.DB.SaveAlert(bg, a))
		m.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: a.ID})
		return a
	}
	alert := func(key string, severity int) *resonanz.Alert {
		return &resonanz.Alert{Key: key, Severity: severity, Count: 20 * severity, Window: time.Hour, Expected: 2, Ratio: 10,
			Channels: 2, Authors: 18, FirstSeen: now.Add(-time.Hour), LastSeen: now}
	}
	delivery, billing := raise(alert("delivery", 2)), raise(alert("billing", 4))
	for _, key := range []string{"quality", "service", "contract"} {
		raise(alert(key, 1))
	}
	logIn(t, ctx, m, newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent))

	t.Run("OneBar", func(t *testing.T) {
		if n := evalString(t, ctx, `String(document.querySelectorAll("#alerts .alert-bar").length)`); n != "1" {
			t.Fatalf("%s alert bars", n)
		}
		if got := evalString(t, ctx, `document.querySelector("#alerts .alert").getAttribute("href") + " | " + document.querySelector("#alerts-open").textContent`); got != fmt.Sprintf("/alerts/%d | 5 open alerts", billing.ID) {
			t.Fatalf("bar shows %q, want the most severe alert and the count", got)
		}
	})
	t.Run("FitsAPhone", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 800)))
		defer chromedp.Do(ctx, chromedp.EmulateViewport(1366, 800))
		if got := evalString(t, ctx, overflow); got != "" {
			t.Fatalf("the bar does not fit a phone: %s", got)
		}
		if !evalBool(t, ctx, `document.querySelector("#alerts").getBoundingClientRect().height < 100`) {
			t.Fatal("the bar takes more than two short lines on a phone")
		}
	})
	t.Run("Hide", func(t *testing.T) {
		evalString(t, ctx, `window.stayed = "yes"`)
		must(t, chromedp.Do(ctx, chromedp.Click("#alerts-dismiss")))
		waitFor(t, ctx, `document.querySelector("#alerts .alert-bar") === null`)
		if evalString(t, ctx, `String(window.stayed)`) != "yes" {
			t.Fatal("hiding the bar reloaded the page")
		}
	})
	t.Run("StaysHiddenWhileNothingGrows", func(t *testing.T) {
		delivery.Count = 55
		raise(delivery)
		waitFor(t, ctx, fmt.Sprintf(`document.querySelector("#alerts").dataset.version === "%d"`, m.Events.Version()))
		if n := evalString(t, ctx, `String(document.querySelectorAll("#alerts .alert-bar").length)`); n != "0" {
			t.Fatal("new figures at the same severity brought the bar back")
		}
		must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/alerts"), chromedp.WaitVisible("#alert-list")))
		if n := evalString(t, ctx, `String(document.querySelectorAll("#alerts .alert-bar").length)`); n != "0" {
			t.Fatal("the bar came back on the next page")
		}
	})
	t.Run("BackWhenAnAlertEscalates", func(t *testing.T) {
		delivery.Severity = 5
		raise(delivery)
		waitFor(t, ctx, fmt.Sprintf(`document.querySelector("#alerts a.alert[href='/alerts/%d']") !== null`, delivery.ID))
		if text := evalString(t, ctx, `document.querySelector("#alerts .alert").textContent`); !strings.Contains(text, "Severity 5/6") {
			t.Fatalf("bar says %q", text)
		}
	})
}
