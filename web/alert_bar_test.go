package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

var seenAlertRE = regexp.MustCompile(`name="alert" value="([0-9:]+)"`)

// bar returns the alert bar of a page, or "" when it is hidden.
func bar(page string) string {
	start := strings.Index(page, `<div class="alert-bar`)
	if start < 0 {
		return ""
	}
	return page[start : start+strings.Index(page[start:], "</form>")]
}

// dismiss hides the bar the client sees, as its form does without script.
func (c *uiClient) dismiss() string {
	c.t.Helper()
	_, page := c.get("/")
	form := url.Values{"back": {"/"}}
	for _, m := range seenAlertRE.FindAllStringSubmatch(bar(page), -1) {
		form.Add("alert", m[1])
	}
	status, page := c.post("/alerts/dismiss", form)
	if status != 200 {
		c.t.Fatalf("dismissing answered %d", status)
	}
	return page
}

func saveAlert(t *testing.T, db *store.DB, a *resonanz.Alert) *resonanz.Alert {
	t.Helper()
	if err := db.SaveAlert(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func newAlert(key string, severity int) *resonanz.Alert {
	now := time.Now()
	return &resonanz.Alert{Key: key, Severity: severity, Count: 20, Window: time.Hour, Expected: 2, Ratio: 10, Channels: 2, Authors: 18,
		FirstSeen: now.Add(-time.Hour), LastSeen: now}
}

// Open alerts take one bar: the most severe one and how many there are. A
// user hides it until an alert is raised or grows more severe; other users
// still see it.
func TestAlertBar(t *testing.T) {
	base, db, _ := newTestServer(t)
	tom, _ := logInUI(t, base, db, "tom@example.org", "Tom Berger")
	aylin, _ := logInUI(t, base, db, "aylin@example.org", "Aylin Kaya")
	delivery := saveAlert(t, db, newAlert("delivery", 2))
	billing := saveAlert(t, db, newAlert("billing", 3))
	saveAlert(t, db, newAlert("quality", 2))

	t.Run("OneBar", func(t *testing.T) {
		_, page := tom.get("/")
		if n := strings.Count(page, `class="alert-bar`); n != 1 {
			t.Fatalf("%d alert bars", n)
		}
		mustContain(t, bar(page), "3 open alerts", `href="/alerts/`+strconv.FormatInt(billing.ID, 10)+`"`, "billing")
	})
	t.Run("DismissedUntilAnAlertChanges", func(t *testing.T) {
		if b := bar(tom.dismiss()); b != "" {
			t.Fatalf("bar still shown after hiding it: %s", b)
		}
		delivery.Count = 25 // new figures, same severity
		saveAlert(t, db, delivery)
		if _, page := tom.get("/alerts"); bar(page) != "" {
			t.Fatal("new figures at the same severity brought the bar back")
		}
		delivery.Severity = 4
		saveAlert(t, db, delivery)
		_, page := tom.get("/alerts")
		mustContain(t, bar(page), `href="/alerts/`+strconv.FormatInt(delivery.ID, 10)+`"`, "Severity 4/6")
	})
	t.Run("PerUser", func(t *testing.T) {
		if b := bar(aylin.dismiss()); b != "" {
			t.Fatalf("bar still shown after hiding it: %s", b)
		}
		_, page := tom.get("/")
		mustContain(t, bar(page), "3 open alerts")
	})
	t.Run("NewAlertShows", func(t *testing.T) {
		app := saveAlert(t, db, newAlert("app", 1))
		_, page := aylin.get("/")
		mustContain(t, bar(page), "4 open alerts", `href="/alerts/`+strconv.FormatInt(app.ID, 10)+`"`)
	})
	t.Run("BadForm", func(t *testing.T) {
		if status, _ := tom.post("/alerts/dismiss", url.Values{"alert": {"7:nine"}}); status != 400 {
			t.Fatalf("a garbled form answered %d", status)
		}
	})
}

// An alert without a new message for the quiet period leaves the bar, and
// its timeline says why.
func TestQuietAlertLeavesTheBar(t *testing.T) {
	base, db, _ := newTestServer(t)
	tom, _ := logInUI(t, base, db, "tom@example.org", "Tom Berger")
	old := newAlert("delivery", 3)
	old.FirstSeen, old.LastSeen = old.FirstSeen.Add(-72*time.Hour), old.LastSeen.Add(-72*time.Hour)
	saveAlert(t, db, old)
	if ids, err := db.CloseQuietAlerts(context.Background(), time.Now().Add(-48*time.Hour)); err != nil || len(ids) != 1 {
		t.Fatalf("closed %v, %v", ids, err)
	}
	if _, page := tom.get("/"); bar(page) != "" {
		t.Fatalf("a closed alert still shows: %s", bar(page))
	}
	_, page := tom.get("/alerts/" + strconv.FormatInt(old.ID, 10))
	mustContain(t, page, "resonanz ·", "closed by itself after a quiet period without new messages")
}
