package main

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// overflow says what sticks out of the viewport, or "" when the page fits
// its width: the page's width and the first elements that reach beyond it.
const overflow = `(() => {
	const width = window.innerWidth;
	if (document.documentElement.scrollWidth <= width) return "";
	const out = [];
	for (const e of document.querySelectorAll("body *")) {
		const r = e.getBoundingClientRect();
		if (r.width > 0 && r.right > width + 0.5 && out.length < 6) {
			out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "") + " to " + Math.round(r.right));
		}
	}
	return document.documentElement.scrollWidth + " px wide: " + out.join(", ");
})()`

// inView is true when the element is shown and lies within the viewport's width.
func inView(selector string) string {
	return `(() => { const e = document.querySelector("` + selector + `"); if (!e) return false;
		const r = e.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth; })()`
}

// Every main page fits screens from a phone to a laptop, in German (the
// longer words) and English, without scrolling sideways: the menu folds
// away on a phone, the inbox becomes a list of cards, and the side panel of
// a conversation moves below it.
func TestBrowserLayoutFitsTheScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo data")
	}
	m, _ := startMain(t, true)
	ctx, _ := newBrowser(t)
	bg := context.Background()
	admin := newUser(t, m, "ada@example.org", "Ada Admin-Kowalczyk", resonanz.RoleAdmin)
	inbox, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{Limit: 1})
	must(t, err)
	alerts, err := m.DB.FindAlerts(bg, true)
	must(t, err)
	// The conversation overdue the longest has the longest clock in its side panel.
	overdue, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{Overdue: true, ByDue: true, Limit: 1})
	must(t, err)
	if len(inbox.Conversations) == 0 || len(alerts) == 0 || len(overdue.Conversations) == 0 {
		t.Fatal("the demo has no conversation, no overdue one or no alert")
	}
	pages := []string{"/", "/conversations/" + strconv.FormatInt(inbox.Conversations[0].ID, 10), "/search?q=Rechnung",
		"/conversations/" + strconv.FormatInt(overdue.Conversations[0].ID, 10),
		"/alerts", "/alerts/" + strconv.FormatInt(alerts[0].ID, 10), "/promises", "/goodwill", "/goodwill/policies", "/notifications",
		"/settings/rules", "/settings/sla", "/settings/teams", "/settings/topics", "/reports/sla", "/reports", "/reports/teams",
		"/settings/canned", "/signatures", "/settings/users", "/settings/users?edit=1", "/me/password"}
	logIn(t, ctx, m, admin)

	for _, lang := range []string{"de", "en"} {
		must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/lang?to="+lang+"&back=/"), chromedp.WaitVisible("#inbox")))
		for _, width := range []int64{390, 768, 1366} {
			must(t, chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)))
			for _, path := range pages {
				must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+path), chromedp.WaitReady("main")))
				if got := evalString(t, ctx, overflow); got != "" {
					t.Errorf("%s at %d px in %s: %s", path, width, lang, got)
				}
			}
			t.Run(fmt.Sprintf("%s/%d", lang, width), func(t *testing.T) {
				checkPhoneLayout(t, ctx, m, width, pages[1])
			})
		}
	}
}

// checkPhoneLayout checks what a narrow screen changes: the menu opens from
// its button, the inbox lists cards, the side panel follows the thread.
func checkPhoneLayout(t *testing.T, ctx context.Context, m *Main, width int64, conversation string) {
	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/"), chromedp.WaitVisible("#inbox")))
	if width < 700 {
		if evalBool(t, ctx, inView("#logout")) {
			t.Fatal("the menu is open on a phone before anyone asked")
		}
		must(t, chromedp.Do(ctx, chromedp.Click("#menu-button")))
	}
	if !evalBool(t, ctx, inView("#logout")) {
		t.Fatal("the logout button is not on the screen")
	}
	if !evalBool(t, ctx, inView("tr.conversation td.preview a")) || !evalBool(t, ctx, inView("tr.conversation td.customer")) {
		t.Fatal("the first conversation's customer or message is not on the screen")
	}
	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+conversation), chromedp.WaitVisible("#timeline")))
	below := evalBool(t, ctx, `document.querySelector("aside.case").getBoundingClientRect().top >= document.querySelector("section.thread").getBoundingClientRect().bottom`)
	if below != (width < 1000) {
		t.Fatalf("side panel below the thread: %v at %d px", below, width)
	}
}

func evalBool(t *testing.T, ctx context.Context, js string) bool {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return ok
}
