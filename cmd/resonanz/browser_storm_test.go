package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store/storetest"
)

// A storm sent through the API raises an alert that appears in an open
// inbox without a reload.
func TestBrowserStormThroughAPI(t *testing.T) {
	ctx, _ := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	token, _ := m.DB.CreateAPIToken(bg, "test")

	quiet, storm := stormTraffic(time.Now())
	sendMessages(t, m.URL(), token, quiet...)

	logIn(t, ctx, m, agent)
	if n := evalString(t, ctx, `String(document.querySelectorAll("#alerts .alert").length)`); n != "0" {
		t.Fatalf("%s alerts in quiet times", n)
	}

	sendMessages(t, m.URL(), token, storm...)

	waitFor(t, ctx, `document.querySelectorAll("#alerts .alert").length >= 1`)
	waitForStormRoom(t, m, len(storm))
	banner := evalString(t, ctx, `document.querySelector("#alerts").textContent`)
	if !strings.Contains(banner, "website & app") || !strings.Contains(banner, "negative messages") {
		t.Fatalf("banner says %q", banner)
	}
	must(t, chromedp.Do(ctx, clickAlert, chromedp.WaitVisible("#crisis-messages")))
	if got := evalString(t, ctx, `String(document.querySelectorAll("#crisis-messages li").length)`); got != "60" {
		t.Fatalf("crisis room holds %s messages, want the 60 of the storm", got)
	}
	if summary := evalString(t, ctx, `document.querySelector("#crisis-summary").textContent`); !strings.Contains(summary, "appdesaster") {
		t.Fatalf("crisis summary does not name the storm's terms: %q", summary)
	}
}

// waitForStormRoom waits until the storm's alert holds n messages: the
// monitor links them after their commit, through a queue, so on a busy
// machine the banner can come before the last of them.
func waitForStormRoom(t *testing.T, m *Main, n int) {
	t.Helper()
	waitUntil(t, fmt.Sprintf("the crisis room holds %d messages", n), func() bool {
		alerts, err := storetest.AlertsWithRooms(context.Background(), m.DB, false)
		must(t, err)
		return len(alerts) == 1 && alerts[0].Messages >= n
	})
}

// stormTraffic returns nine quiet days before now, in which someone's app
// crashes every three hours, and then a storm: within 40 minutes an hour
// ago, sixty people lose their shopping cart.
func stormTraffic(now time.Time) (quiet, storm []resonanz.IncomingMessage) {
	now = now.UTC().Truncate(time.Minute)
	for i, at := 0, now.Add(-9*24*time.Hour); at.Before(now.Add(-2 * time.Hour)); i, at = i+1, at.Add(3*time.Hour) {
		quiet = append(quiet, stormMessage(fmt.Sprint("q", i), fmt.Sprint("@quiet", i), "Die App stürzt schon wieder ab, total nervig!", at))
	}
	for i := 0; i < 60; i++ {
		storm = append(storm, stormMessage(fmt.Sprint("s", i), fmt.Sprint("@angry", i),
			"Nach dem Update ist mein Warenkorb leer, unfassbar! #AppDesaster", now.Add(-time.Hour+time.Duration(i*40)*time.Second)))
	}
	return quiet, storm
}

func stormMessage(id, handle, text string, at time.Time) resonanz.IncomingMessage {
	return resonanz.IncomingMessage{Channel: "mastodon", ExternalID: id, Author: resonanz.Author{Handle: handle}, Text: text,
		Time: at, Visibility: resonanz.Public}
}

// clickAlert follows the alert bar's link in one step inside the page: the
// bar is redrawn live as the storm grows, so a node looked up first and
// clicked after may be gone.
var clickAlert = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	_, err := chromedp.Evaluate[bool](`document.querySelector("#alerts .alert").click(), true`)(ctx, t)
	return err
})
