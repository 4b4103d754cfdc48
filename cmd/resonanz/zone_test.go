package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/demo"
)

var (
	timeElement = regexp.MustCompile(`<time datetime="([^"]+)">([^<]*)</time>`)
	// timeLike is how pages write a moment: 07.12.2026 14:05 or 07.12. 14:05.
	timeLike = regexp.MustCompile(`\d\d\.\d\d\.(\d{4})? \d\d:\d\d`)
)

// checkTimes reports every time on a page not shown in zone, and every
// moment written outside a <time> element, whose zone nobody could check.
// It returns how many times the page shows.
func checkTimes(t *testing.T, what, page string, zone *time.Location) int {
	t.Helper()
	found := timeElement.FindAllStringSubmatch(page, -1)
	for _, m := range found {
		at, err := time.Parse(time.RFC3339, m[1])
		if err != nil {
			t.Errorf("%s: <time datetime=%q> is not RFC 3339", what, m[1])
			continue
		}
		// A day alone ("since 03.12.", beside the reply box) is the day in zone too.
		long, short, day := at.In(zone).Format("02.01.2006 15:04"), at.In(zone).Format("02.01. 15:04"), at.In(zone).Format("02.01.")
		if m[2] != long && m[2] != short && m[2] != day {
			t.Errorf("%s shows %s as %q, want %q in %s", what, m[1], m[2], long, zone)
		}
	}
	if loose := timeLike.FindAllString(readableText(timeElement.ReplaceAllString(page, "")), -1); len(loose) > 0 {
		t.Errorf("%s writes moments outside <time>: %q", what, loose)
	}
	return len(found)
}

// A server whose machine runs in UTC shows every time in the company's
// zone, Europe/Berlin, and a user who chose a zone of their own reads and
// enters times in theirs.
func TestEveryTimeInTheCompanysZone(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	local := time.Local
	time.Local = time.UTC // as on most servers
	t.Cleanup(func() { time.Local = local })
	berlin, _ := time.LoadLocation("Europe/Berlin")
	newYork, _ := time.LoadLocation("America/New_York")

	m, _ := startDemoLogged(t, "")
	conv, alertID := workAShift(t, m)
	pages := []string{"/", "/?status=solved", fmt.Sprintf("/conversations/%d", conv), "/promises?scope=all", "/alerts",
		fmt.Sprintf("/alerts/%d", alertID), "/goodwill", "/notifications"}
	admin := logInWeb(t, m, demo.Login, demo.Password, "en")
	for _, path := range pages {
		status, page := admin.get(path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		if n := checkTimes(t, path, page, berlin); n == 0 && path != "/notifications" {
			t.Errorf("%s shows no time at all", path)
		}
	}
	_, page := admin.get(fmt.Sprintf("/conversations/%d", conv))
	for _, part := range []string{`id="timeline"`, `id="audit"`} {
		if section := regexp.MustCompile(`(?s)` + part + `.*?</ol>`).FindString(page); len(timeElement.FindAllString(section, -1)) < 2 {
			t.Errorf("the conversation's %s shows too few times to check", part)
		}
	}

	lead := logInWeb(t, m, "lea@example.org", demo.Password, "de")
	if status, page := lead.post("/me/zone", url.Values{"zone": {"Mars/Olympus"}}); status != http.StatusBadRequest ||
		!regexp.MustCompile(`value="Mars/Olympus"`).MatchString(page) {
		t.Errorf("a bad zone: %d, want 400 with the input kept", status)
	}
	if status, _ := lead.post("/me/zone", url.Values{"zone": {"America/New_York"}}); status != http.StatusOK {
		t.Fatalf("choosing a zone: %d", status)
	}
	for _, path := range pages {
		_, page := lead.get(path)
		checkTimes(t, "lead "+path, page, newYork)
	}
	due := time.Date(2030, 1, 15, 10, 0, 0, 0, newYork)
	if status, _ := lead.post(fmt.Sprintf("/conversations/%d/promises", conv), url.Values{"text": {"Rückruf um zehn"},
		"due": {"2030-01-15T10:00"}}); status != http.StatusOK {
		t.Fatalf("promise: %d", status)
	}
	promises, err := m.DB.FindPromises(context.Background(), resonanz.PromiseFilter{ConversationID: conv, State: resonanz.PromiseOpen})
	if err != nil {
		t.Fatal(err)
	}
	var got *resonanz.Promise
	for _, p := range promises {
		if p.Text == "Rückruf um zehn" {
			got = p
		}
	}
	if got == nil || !got.DueAt.Equal(due) {
		t.Fatalf("a due time entered in New York is stored as %v, want %v", got, due)
	}
}
