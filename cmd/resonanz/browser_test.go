package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

const chromiumPath = "/usr/bin/chromium"

const xssText = `<img src=x onerror=alert(1)> und <script>alert(2)</script> Rechnungen doppelt?`

// newBrowser starts headless Chromium with the given further flags, for a
// test of at most 90 seconds; it reports whether a JavaScript dialog ever
// opened.
func newBrowser(t *testing.T, flags ...chromedp.ExecAllocatorOption) (context.Context, *atomic.Bool) {
	t.Helper()
	return newBrowserFor(t, 90*time.Second, flags...)
}

// newBrowserFor is newBrowser for a test that may take up to limit.
func newBrowserFor(t *testing.T, limit time.Duration, flags ...chromedp.ExecAllocatorOption) (context.Context, *atomic.Bool) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser tests need %s (apt-get install -y chromium): %v", chromiumPath, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("lang", "en-US"))
	opts = append(opts, flags...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	var dialog atomic.Bool
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialog.Store(true)
		}
	}))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(cancelTimeout)
	return ctx, &dialog
}

// sendMessages posts messages through the public API, as an integration would.
func sendMessages(t *testing.T, url, token string, msgs ...resonanz.IncomingMessage) {
	t.Helper()
	body, _ := json.Marshal(msgs)
	req, _ := http.NewRequest("POST", url+"/api/v1/messages", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("API answered %d", resp.StatusCode)
	}
}

func TestBrowserInbox(t *testing.T) {
	ctx, dialog := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	token, err := m.DB.CreateAPIToken(bg, "browser test")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour).UTC()
	sendMessages(t, m.URL(), token,
		resonanz.IncomingMessage{Channel: "mastodon", ExternalID: "m1", Author: resonanz.Author{Handle: "@anna@example.social", DisplayName: "Anna Schmidt"},
			Text: "Seit drei Wochen keine Lieferung!", Time: at, Visibility: resonanz.Public},
		resonanz.IncomingMessage{Channel: "email", ExternalID: "e1", Author: resonanz.Author{Handle: "mallory@example.org", DisplayName: "Mallory"},
			Text: xssText, Time: at.Add(time.Minute), Visibility: resonanz.Private},
		resonanz.IncomingMessage{Channel: "review", ExternalID: "r1", Author: resonanz.Author{Handle: "ben", DisplayName: "Ben Meyer"},
			Text: "Super Beratung in der Filiale, danke!", Time: at.Add(2 * time.Minute), Visibility: resonanz.Public})
	u := m.URL()

	t.Run("LogIn", func(t *testing.T) {
		logIn(t, ctx, m, agent)
		if n := evalString(t, ctx, `String(document.querySelectorAll("table.inbox tr.conversation").length)`); n != "3" {
			t.Fatalf("inbox shows %s conversations, want 3", n)
		}
	})
	t.Run("InboxNewestFirst", func(t *testing.T) {
		names := evalString(t, ctx, `[...document.querySelectorAll("tr.conversation td.customer")].map(td => td.textContent).join("|")`)
		if names != "Ben Meyer|Mallory|Anna Schmidt" {
			t.Fatalf("inbox shows %q", names)
		}
	})
	t.Run("AnalysisBadges", func(t *testing.T) {
		badges := evalString(t, ctx, `[...document.querySelectorAll("tr.conversation")].map(tr =>
			[...tr.querySelectorAll(".badge")].map(b => b.textContent).join(",")).join("|")`)
		if !strings.Contains(strings.Split(badges, "|")[0], "praise") || !strings.Contains(strings.Split(badges, "|")[2], "delivery") {
			t.Fatalf("badges %q: want praise for Ben, delivery for Anna", badges)
		}
	})
	t.Run("FilterByChannel", func(t *testing.T) {
		evalString(t, ctx, `(() => { const s = document.querySelector("#filter-channel");
			s.value = "email"; s.dispatchEvent(new Event("change", {bubbles: true})); return "ok"; })()`)
		waitFor(t, ctx, `document.querySelectorAll("tr.conversation").length === 1`)
		if got := evalString(t, ctx, `document.querySelector("tr.conversation td.customer").textContent`); got != "Mallory" {
			t.Fatalf("email filter shows %q", got)
		}
		if got := evalString(t, ctx, `location.search`); !strings.Contains(got, "channel=email") {
			t.Fatalf("filter is not in the address bar: %q", got)
		}
	})
	t.Run("UntrustedTextStaysText", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Click("tr.conversation td.preview a"), chromedp.WaitVisible("#timeline")))
		text := evalString(t, ctx, `document.querySelector("#timeline .text").textContent`)
		if text != xssText {
			t.Fatalf("message shows %q, want the literal text", text)
		}
		if n := evalString(t, ctx, `String(document.querySelectorAll("main img, main script").length)`); n != "0" {
			t.Fatalf("customer text became %s elements", n)
		}
		if dialog.Load() {
			t.Fatal("customer text opened a JavaScript dialog")
		}
	})
	t.Run("ReplyPrivatelyOnEmail", func(t *testing.T) {
		if hint := evalString(t, ctx, `document.querySelector("#hint-private").textContent`); !strings.Contains(hint, "privately") {
			t.Fatalf("reply box says %q", hint)
		}
		must(t, chromedp.Do(ctx, chromedp.SendKeys("#reply-text", "Wir prüfen Ihre Rechnung."), chromedp.Click("#reply-send")))
		waitFor(t, ctx, `[...document.querySelectorAll("#timeline li.out .text")].some(e => e.textContent === "Wir prüfen Ihre Rechnung.")`)
		if status := evalString(t, ctx, `document.querySelector("#case-status").textContent`); status != "Waiting for customer" {
			t.Fatalf("status after reply %q", status)
		}
	})
	t.Run("CorrectLabelWithOneClick", func(t *testing.T) {
		// htmx wires the forms once the page has loaded; a person is never faster.
		waitFor(t, ctx, `document.readyState === "complete"`)
		evalString(t, ctx, `(() => { const d = document.querySelector("details.correct"); d.open = true;
			const s = d.querySelector("select.label-kind"); s.value = "suggestion";
			s.dispatchEvent(new Event("change", {bubbles: true})); return "ok"; })()`)
		waitFor(t, ctx, `[...document.querySelectorAll("#timeline li.in .badge.kind")].some(b => b.textContent === "suggestion")`)
		waitFor(t, ctx, `document.querySelector("#audit").textContent.includes("→ suggestion")`)
		evalString(t, ctx, `(() => { const d = document.querySelector("details.correct"); d.open = true;
			const c = d.querySelector("input.label-topic[value=delivery]"); c.checked = true;
			c.dispatchEvent(new Event("change", {bubbles: true})); return "ok"; })()`)
		waitFor(t, ctx, `[...document.querySelectorAll("#timeline li.in .badge.topic")].some(b => b.textContent === "delivery")`)
	})
	t.Run("AssignToMe", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Click("#assign-me")))
		waitFor(t, ctx, `document.querySelector("#case-owner").textContent === "Tom Berger"`)
		audit := evalString(t, ctx, `document.querySelector("#audit").textContent`)
		if !strings.Contains(audit, "owner: Tom Berger") || !strings.Contains(audit, "reply: private") {
			t.Fatalf("audit trail %q", audit)
		}
	})
	t.Run("Search", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Navigate(u+"/search?q=Rechnung"), chromedp.WaitVisible("#hits")))
		marks := evalString(t, ctx, `[...document.querySelectorAll("#hits mark")].map(m => m.textContent).join("|")`)
		if !strings.Contains(marks, "Rechnungen") || !strings.Contains(marks, "Rechnung") {
			t.Fatalf("highlighted %q, want Rechnungen and Rechnung", marks)
		}
		if dialog.Load() {
			t.Fatal("search results opened a JavaScript dialog")
		}
	})
	t.Run("SwitchToGerman", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Navigate(u+"/"), chromedp.WaitVisible("#lang-de"), chromedp.Click("#lang-de")))
		waitFor(t, ctx, `document.querySelector("h1").textContent === "Posteingang"`)
	})
}

// testPassword is the password of every user the browser tests create.
const testPassword = "correct horse battery"

// newUser adds a user to the running program.
func newUser(t *testing.T, m *Main, login, name, role string) *resonanz.User {
	t.Helper()
	u := &resonanz.User{Login: login, Name: name, Role: role}
	if err := m.DB.CreateUser(context.Background(), u, testPassword); err != nil {
		t.Fatal(err)
	}
	return u
}

// logIn signs in through the login form and waits until the inbox is ready.
func logIn(t *testing.T, ctx context.Context, m *Main, u *resonanz.User) {
	t.Helper()
	logInAt(t, ctx, m.URL(), u)
}

// logInAt is logIn on the server at url.
func logInAt(t *testing.T, ctx context.Context, url string, u *resonanz.User) {
	t.Helper()
	must(t, chromedp.Do(ctx, chromedp.Navigate(url+"/login"), chromedp.WaitVisible("#login"),
		chromedp.SendKeys("#login", u.Login), chromedp.SendKeys("#password", testPassword),
		chromedp.Click("#login-submit"), chromedp.WaitVisible("#inbox")))
	// htmx wires the page once it has loaded; a person is never faster.
	waitFor(t, ctx, `document.readyState === "complete"`)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return s
}

// waitFor waits until a JavaScript condition holds on the page; it keeps
// asking while the page navigates, as after a form post.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var err error
	for time.Now().Before(deadline) {
		var ok bool
		if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: last error %v", cond, err)
}
