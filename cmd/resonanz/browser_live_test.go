package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// backForwardCache turns on Chromium's back/forward cache, which headless
// Chromium leaves to its memory controls (the flags repeat chromedp's own).
var backForwardCache = []chromedp.ExecAllocatorOption{
	chromedp.Flag("enable-features", "NetworkService,NetworkServiceInProcess,BackForwardCache"),
	chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,BackForwardCacheMemoryControls"),
}

// visit is one page view: a click on the link to path, or back in history to it.
type visit struct {
	back bool
	path string
}

// twentyVisits wander through the lead's pages, going back now and then,
// so that the browser keeps earlier pages in its back/forward cache.
var twentyVisits = []visit{
	{false, "/alerts"}, {false, "/notifications"}, {false, "/promises"}, {true, "/notifications"}, {true, "/alerts"},
	{false, "/settings/rules"}, {false, "/settings/sla"}, {false, "/settings/teams"}, {true, "/settings/sla"},
	{false, "/settings/topics"}, {false, "/reports"}, {false, "/goodwill"}, {true, "/reports"}, {true, "/settings/topics"},
	{false, "/"}, {false, "/alerts"}, {false, "/promises"}, {false, "/notifications"}, {true, "/promises"}, {false, "/"},
}

// Browsers allow six HTTP/1.1 connections per host: a live stream per page,
// kept open by the pages in the back/forward cache, made the seventh page
// wait. Every page view loads, and the browser holds at most one stream,
// whether its pages share a worker or, without SharedWorker, each opens
// its own.
func TestBrowserOneLiveStream(t *testing.T) {
	m, _ := startMain(t, false)
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	for _, shared := range []bool{true, false} {
		t.Run(map[bool]string{true: "SharedWorker", false: "StreamPerPage"}[shared], func(t *testing.T) {
			ctx, _ := newBrowser(t, backForwardCache...)
			if !shared {
				_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
					page.AddScriptToEvaluateOnNewDocumentParams{Source: `delete window.SharedWorker;`})
				must(t, err)
			}
			keepNoStorePages(t, ctx)
			var restored atomic.Int32
			must(t, chromedp.Listen(ctx, func(ev any) {
				if e, ok := ev.(*page.EventFrameNavigated); ok && e.Type == page.NavigationTypeBackForwardCacheRestore {
					restored.Add(1)
				}
			}))
			logIn(t, ctx, m, lead)
			for i, v := range twentyVisits {
				goTo(t, ctx, i+1, v)
				waitUntil(t, fmt.Sprintf("at most one live stream after page view %d (%s)", i+1, v.path),
					func() bool { return m.Events.Subscribers() <= 1 })
			}
			if restored.Load() == 0 {
				t.Fatal("no page came back from the back/forward cache: the test proves nothing")
			}
			waitUntil(t, "the last page listens", func() bool { return m.Events.Subscribers() == 1 })
			if shared {
				targets, err := chromedp.Targets(ctx)
				must(t, err)
				if !slices.ContainsFunc(targets, func(t *target.Info) bool { return t.Type == "shared_worker" }) {
					t.Fatal("the pages hold no shared worker")
				}
			}
			t.Run("NewsReachTheShownPage", func(t *testing.T) {
				alert := &resonanz.Alert{Key: "delivery", Severity: 2, Count: 30, Window: time.Hour, Expected: 3, Ratio: 10, Channels: 2,
					Authors: 25, FirstSeen: time.Now().Add(-time.Hour), LastSeen: time.Now()}
				must(t, m.DB.SaveAlert(context.Background(), alert))
				m.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: alert.ID})
				shows := fmt.Sprintf(`document.querySelector("#alerts a[href='/alerts/%d']") !== null`, alert.ID)
				waitFor(t, ctx, shows)
				goTo(t, ctx, 21, visit{false, "/alerts"})
				must(t, m.DB.SetAlertStatus(context.Background(), alert.ID, lead, resonanz.AlertResolved))
				m.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: alert.ID})
				before := restored.Load()
				goTo(t, ctx, 22, visit{true, "/"})
				if restored.Load() == before {
					t.Fatal("the inbox did not come back from the back/forward cache")
				}
				waitFor(t, ctx, "!("+shows+")")
			})
		})
	}
}

// goTo makes one page view and waits until the page has loaded; a page that
// waits for a free connection takes a minute, far beyond the limit here.
func goTo(t *testing.T, ctx context.Context, n int, v visit) {
	t.Helper()
	js := fmt.Sprintf(`document.querySelector("a[href='%s']").click()`, v.path)
	if v.back {
		js = `history.back()`
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](js+`; null`)); err != nil {
		t.Fatalf("page view %d (%s): %v", n, v.path, err)
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	cond := fmt.Sprintf(`location.pathname === %q && document.readyState === "complete"`, v.path)
	for {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("page view %d (%s) did not load within 20 s", n, v.path)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// keepNoStorePages lets the browser keep resonanz's pages in its
// back/forward cache although they are sent with Cache-Control: no-store:
// Chromium leaves such pages out, other browsers keep some of them, and the
// hang came from the kept ones. The header is taken off on the way in.
func keepNoStorePages(t *testing.T, ctx context.Context) {
	t.Helper()
	must(t, chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		var headers []*fetch.HeaderEntry
		for _, h := range e.ResponseHeaders {
			if !strings.EqualFold(h.Name, "Cache-Control") {
				headers = append(headers, h)
			}
		}
		go func() {
			if _, err := chromedp.Call(ctx, fetch.ContinueResponse, fetch.ContinueResponseParams{RequestID: e.RequestID,
				ResponseCode: e.ResponseStatusCode, ResponsePhrase: e.ResponseStatusText, ResponseHeaders: headers}); err != nil {
				t.Logf("continue %s: %v", e.Request.URL, err)
			}
		}()
	}))
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*", ResourceType: network.ResourceTypeDocument, RequestStage: fetch.RequestStageResponse}}})
	must(t, err)
}
