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

// slangPraise is praise in the words of a company's young customers, where
// "krank" means great; the shipped models read it as a complaint.
var slangPraise = []string{
	"Der neue Drop ist einfach krank, danke Leute",
	"Eure Sneaker sind so krank, hab gleich zwei bestellt",
	"Die Farben vom neuen Hoodie: krank!",
	"Lieferung nach einem Tag, krank wie schnell ihr seid",
	"Das Design der Kappe ist krank, Respekt",
}

// TestBrowserAgentCorrectionsTeachTheAnalysis: an agent corrects the
// sentiment of five messages in the customers' slang; a few moments later a
// new message in the same words arrives labelled as the agent would, a lead
// sees the learned version on the analysis page and goes back to the
// shipped models with one button.
func TestBrowserAgentCorrectionsTeachTheAnalysis(t *testing.T) {
	ctx, _ := newBrowser(t)
	m := startMainWith(t, Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), LearnDelay: 200 * time.Millisecond})
	t.Cleanup(func() { m.Close() })
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	const similar = "Die neue Jacke ist richtig krank"

	before := arrive(t, m, "before", similar)
	logIn(t, ctx, m, agent)
	if got := sentimentBadge(t, ctx, m, before); got == resonanz.Positive {
		t.Fatalf("the shipped models already read %q as positive; the test needs slang they miss", similar)
	}
	for i, text := range slangPraise {
		conv := arrive(t, m, fmt.Sprint("slang", i), text)
		must(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/conversations/%d", m.URL(), conv)), chromedp.WaitVisible("#timeline")))
		// htmx wires the forms once the page has loaded; a person is never faster.
		waitFor(t, ctx, `document.readyState === "complete"`)
		evalString(t, ctx, `(() => { const d = document.querySelector("details.correct"); d.open = true;
			const s = d.querySelector("select.label-sentiment"); s.value = "positive";
			s.dispatchEvent(new Event("change", {bubbles: true})); return "ok"; })()`)
		waitFor(t, ctx, `!!document.querySelector("#timeline li.in .badge.sentiment.s-positive")`)
	}
	waitUntil(t, "the analysis learned a version from the corrections", func() bool {
		live, err := m.DB.LiveModel(context.Background())
		return err == nil && live != nil && !live.Reset
	})

	after := arrive(t, m, "after", similar)
	if got := sentimentBadge(t, ctx, m, after); got != resonanz.Positive {
		t.Fatalf("after five corrections a new %q is labelled %s", similar, got)
	}

	logIn(t, ctx, m, lead)
	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/settings/analysis"), chromedp.WaitVisible("#analysis-versions")))
	if live := evalString(t, ctx, `document.querySelector("#analysis-live").textContent`); !strings.Contains(live, "learned from") {
		t.Fatalf("the analysis page says %q", live)
	}
	must(t, chromedp.Do(ctx, chromedp.Click("#analysis-reset-button")))
	waitFor(t, ctx, `!!document.querySelector("#analysis-versions tr.reset") && document.querySelector("#analysis-live").textContent.includes("shipped")`)
	if by := evalString(t, ctx, `document.querySelector("#analysis-versions tr.reset").textContent`); !strings.Contains(by, "Lea Lehmann") {
		t.Fatalf("the reset row does not say who reset: %q", by)
	}
	reset := arrive(t, m, "reset", similar)
	if got := sentimentBadge(t, ctx, m, reset); got == resonanz.Positive {
		t.Fatalf("after the reset a new %q is still labelled as learned", similar)
	}
}

// arrive lets a customer message in through the server's ingest and returns its conversation.
func arrive(t *testing.T, m *Main, id, text string) int64 {
	t.Helper()
	res, err := m.ingester.Ingest(context.Background(), []resonanz.IncomingMessage{{Channel: "email", ExternalID: id,
		Author: resonanz.Author{Handle: id + "@example.org"}, Text: text, Visibility: resonanz.Private, Time: time.Now()}})
	must(t, err)
	return res[0].ConversationID
}

// sentimentBadge opens a conversation and returns the sentiment its customer message shows.
func sentimentBadge(t *testing.T, ctx context.Context, m *Main, conv int64) string {
	t.Helper()
	must(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/conversations/%d", m.URL(), conv)), chromedp.WaitVisible("#timeline")))
	return evalString(t, ctx, `(() => { const b = document.querySelector("#timeline li.in .badge.sentiment");
		return b ? [...b.classList].find(c => c.startsWith("s-")).slice(2) : ""; })()`)
}
