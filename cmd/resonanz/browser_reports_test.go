package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// TestBrowserChartToInbox: on a phone, a lead opens the overview, clicks the
// bar of today's complaints and lands in the inbox on exactly those
// conversations; the count the bar showed is the count the inbox finds.
func TestBrowserChartToInbox(t *testing.T) {
	ctx, _ := newBrowser(t)
	m, _ := startMain(t, false)
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	labels := map[string]resonanz.Analysis{
		"a": {Language: "de", Kind: resonanz.KindComplaint, Sentiment: resonanz.Negative, Topics: []string{"delivery"}},
		"b": {Language: "de", Kind: resonanz.KindComplaint, Sentiment: resonanz.Negative},
		"c": {Language: "de", Kind: resonanz.KindQuestion, Sentiment: resonanz.Neutral},
		"d": {Language: "en", Kind: resonanz.KindPraise, Sentiment: resonanz.Positive},
	}
	for key, a := range labels {
		_, err := m.DB.Ingest(t.Context(), []resonanz.IncomingMessage{{Channel: "email", ExternalID: key, Author: resonanz.Author{Handle: key + "@example.org"},
			Text: "Hallo", Visibility: resonanz.Private, Time: time.Now().Add(-time.Minute), Analysis: a}})
		must(t, err)
	}
	logIn(t, ctx, m, lead)
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(m.URL()+"/lang?to=en&back=/reports"), chromedp.WaitVisible("#chart-kinds")))
	if got := evalString(t, ctx, overflow); got != "" {
		t.Errorf("the overview at 390 px: %s", got)
	}
	bar := `#chart-kinds a.bar-link[aria-label$="complaint: 2"]`
	if n := evalString(t, ctx, `String(document.querySelectorAll('`+bar+`').length)`); n != "1" {
		t.Fatalf("%s bars of two complaints today; want 1 (chart: %s)", n,
			evalString(t, ctx, `document.querySelector("#chart-kinds").outerHTML.slice(0, 2000)`))
	}
	must(t, chromedp.Do(ctx, chromedp.Click(bar), chromedp.WaitVisible("#match-count")))
	count := evalString(t, ctx, `document.querySelector("#match-count").dataset.count`)
	rows := evalString(t, ctx, `String(document.querySelectorAll("tr.conversation").length)`)
	if count != "2" || rows != "2" {
		t.Fatalf("the inbox behind the bar counts %s and lists %s conversations; want 2", count, rows)
	}
	if kind := evalString(t, ctx, `document.querySelector("#filter-kind").value`); kind != "complaint" {
		t.Errorf("the inbox's kind filter shows %q; want complaint", kind)
	}
	text := evalString(t, ctx, `document.querySelector("#inbox").textContent`)
	if strings.Contains(text, "d@example.org") {
		t.Error("the inbox behind the complaints bar lists the praise")
	}
	// Narrowing the filter keeps the period, and the count follows.
	evalString(t, ctx, `(() => { const s = document.querySelector("#filter-sentiment"); s.value = "positive";
		s.dispatchEvent(new Event("change", {bubbles: true})); return ""; })()`)
	waitFor(t, ctx, `document.querySelector("#match-count") && document.querySelector("#match-count").dataset.count === "0"`)
}
