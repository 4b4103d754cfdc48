package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/web"
)

const consentWording = "Ich bin einverstanden, dass meine Angaben zur Beantwortung gespeichert werden."

// formClient talks to the public form as a browser without JavaScript
// would: it follows no redirects, so the test sees them.
type formClient struct {
	t    *testing.T
	base string
	lang string
}

func (c formClient) do(method, path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept-Language", c.lang)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// clock is a stopped clock a test moves on.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func addForm(t *testing.T, db *store.DB, name string, settings map[string]string) *resonanz.ChannelAccount {
	t.Helper()
	a := &resonanz.ChannelAccount{Kind: "form", Name: name, Settings: settings}
	if err := db.CreateChannelAccount(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func formMessages(t *testing.T, db *store.DB, channel string) []*resonanz.Message {
	t.Helper()
	ctx := context.Background()
	page, err := db.FindConversations(ctx, resonanz.ConversationFilter{Channel: channel, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []*resonanz.Message
	for _, c := range page.Conversations {
		tl, err := db.Timeline(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range tl.Entries {
			if e.Message != nil && e.Message.ConversationID == c.ID {
				msgs = append(msgs, e.Message)
			}
		}
	}
	return msgs
}

func TestPublicForm(t *testing.T) {
	clk := &clock{now: time.Now()}
	base, db, _ := newTestServer(t, func(s *web.Server) { s.Now = clk.Now })
	addForm(t, db, "Kontakt", map[string]string{"slug": "kontakt", "consent": consentWording, "embed": "https://shop.example"})
	paused := addForm(t, db, "Alt", map[string]string{"slug": "alt"})
	if err := db.SetChannelAccountPaused(context.Background(), paused.ID, true); err != nil {
		t.Fatal(err)
	}
	de, en := formClient{t, base, "de-DE,de;q=0.9"}, formClient{t, base, "en-GB,en;q=0.8"}
	// The page marks the consent wording it shows; a sender sends the mark back.
	_, page := de.do("GET", "/forms/kontakt", nil)
	mark := between(page, `name="consent_shown" value="`, `"`)
	if mark == "" {
		t.Fatal("no mark of the consent wording on the page")
	}
	// entry is a complete, valid submission.
	entry := func() url.Values {
		return url.Values{"name": {"Kim Meyer"}, "email": {"kim@example.org"}, "text": {"Mein Paket ist beschädigt angekommen."},
			"consent": {"1"}, "consent_shown": {mark}}
	}
	// Every post comes a quarter of an hour after the one before, so that
	// only the test of the rate limit meets it.
	send := func(c formClient, path string, form url.Values) (*http.Response, string) {
		clk.Add(15 * time.Minute)
		return c.do("POST", path, form)
	}

	t.Run("PageInTheBrowsersLanguage", func(t *testing.T) {
		resp, body := de.do("GET", "/forms/kontakt", nil)
		wantPage(t, resp.StatusCode, body, http.StatusOK, `<html lang="de">`)
		mustContain(t, body, `<label for="f-text">Ihre Nachricht</label>`, `<label for="f-email">Ihre E-Mail-Adresse</label>`,
			`<label for="f-consent">`+consentWording+`</label>`, `action="/forms/kontakt"`, `class="hp" aria-hidden="true"`)
		if strings.Contains(body, "<script") {
			t.Fatal("the public form needs no script, but has one")
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors https://shop.example;") ||
			!strings.Contains(csp, "script-src 'self'") {
			t.Fatalf("CSP %q: the form's page may be framed by the shop, and nothing else changes", csp)
		}
		_, body = en.do("GET", "/forms/kontakt", nil)
		mustContain(t, body, `<html lang="en">`, "Your message")
		_, body = en.do("GET", "/forms/kontakt?lang=de", nil)
		mustContain(t, body, `<html lang="de">`, `action="/forms/kontakt?lang=de"`)
	})
	t.Run("OtherPagesStayUnframed", func(t *testing.T) {
		resp, _ := de.do("GET", "/login", nil)
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Fatalf("login CSP %q", csp)
		}
	})
	t.Run("UnknownAndPausedForms", func(t *testing.T) {
		for _, path := range []string{"/forms/nix", "/forms/alt", "/forms/kontakt/kiosk"} {
			resp, body := en.do("GET", path, nil)
			wantPage(t, resp.StatusCode, body, http.StatusNotFound, "Form not found")
		}
		resp, body := send(en, "/forms/alt", entry())
		wantPage(t, resp.StatusCode, body, http.StatusNotFound, "Form not found")
	})
	t.Run("SentAndConfirmed", func(t *testing.T) {
		resp, body := send(de, "/forms/kontakt", entry())
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/forms/kontakt/thanks" {
			t.Fatalf("%d to %q: %s", resp.StatusCode, resp.Header.Get("Location"), body)
		}
		resp, body = de.do("GET", "/forms/kontakt/thanks", nil)
		wantPage(t, resp.StatusCode, body, http.StatusOK, "Vielen Dank!")
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors https://shop.example;") {
			t.Fatalf("the confirmation cannot show in the shop's frame: %q", csp)
		}
		msgs := formMessages(t, db, "form")
		if len(msgs) != 1 {
			t.Fatalf("%d form messages, want 1", len(msgs))
		}
		m := msgs[0]
		if m.AuthorHandle != "kim@example.org" || m.AuthorName != "Kim Meyer" || m.Visibility != resonanz.Private ||
			m.Text != "Mein Paket ist beschädigt angekommen." || m.Consent != consentWording {
			t.Fatalf("stored %+v", m)
		}
	})
	t.Run("ErrMissingAddressKeepsTheText", func(t *testing.T) {
		f := entry()
		f.Del("email")
		f.Set("text", `Ich <b>schreibe</b> "lange"`)
		resp, body := send(en, "/forms/kontakt", f)
		wantPage(t, resp.StatusCode, body, http.StatusBadRequest, "Please give an email address")
		mustContain(t, body, `role="alert"`, `aria-describedby="f-email-hint form-error" aria-invalid="true"`,
			`Ich &lt;b&gt;schreibe&lt;/b&gt; &#34;lange&#34;</textarea>`, `value="Kim Meyer"`)
	})
	t.Run("ErrNoConsent", func(t *testing.T) {
		f := entry()
		f.Del("consent")
		resp, body := send(de, "/forms/kontakt", f)
		wantPage(t, resp.StatusCode, body, http.StatusBadRequest, "Bitte stimmen Sie der Erklärung")
	})
	t.Run("ErrConsentWordingChanged", func(t *testing.T) {
		f := entry()
		f.Set("consent_shown", "0123456789abcdef")
		resp, body := send(de, "/forms/kontakt", f)
		wantPage(t, resp.StatusCode, body, http.StatusConflict, "Der Wortlaut der Einwilligung hat sich gerade geändert")
		if strings.Contains(body, " checked") {
			t.Fatal("the box stays ticked for a wording the sender did not see")
		}
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		f := entry()
		f.Set("text", strings.Repeat("ä", 40_000))
		resp, body := send(en, "/forms/kontakt", f)
		wantPage(t, resp.StatusCode, body, http.StatusRequestEntityTooLarge, "The message is too large.")
		f.Set("text", strings.Repeat("ä", 5001))
		resp, body = send(en, "/forms/kontakt", f)
		wantPage(t, resp.StatusCode, body, http.StatusBadRequest, "at most 5,000 characters")
	})
	t.Run("HoneypotStoresNothing", func(t *testing.T) {
		f := entry()
		f.Set("website", "https://cheap-pills.example")
		resp, _ := send(en, "/forms/kontakt", f)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/forms/kontakt/thanks" {
			t.Fatalf("a bot can tell it was caught: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if n := len(formMessages(t, db, "form")); n != 1 {
			t.Fatalf("%d form messages, want still 1", n)
		}
	})
	t.Run("RateLimitPerAddress", func(t *testing.T) {
		clk.Add(time.Hour)
		var resp *http.Response
		var body string
		for i := range 6 {
			f := entry()
			f.Set("text", "Nachricht "+string(rune('A'+i)))
			if resp, body = en.do("POST", "/forms/kontakt", f); resp.StatusCode != http.StatusSeeOther {
				break
			}
		}
		wantPage(t, resp.StatusCode, body, http.StatusTooManyRequests, "Too many messages from your connection")
		mustContain(t, body, "Nachricht F</textarea>")
		if resp.Header.Get("Retry-After") == "" {
			t.Fatal("no Retry-After")
		}
		if n := len(formMessages(t, db, "form")); n != 6 {
			t.Fatalf("%d form messages, want 6 (one, then five of the burst)", n)
		}
		clk.Add(2 * time.Minute)
		if resp, body = en.do("POST", "/forms/kontakt", entry()); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("after the pause: %d %s", resp.StatusCode, body)
		}
	})
}

func TestKiosk(t *testing.T) {
	clk := &clock{now: time.Now()}
	base, db, _ := newTestServer(t, func(s *web.Server) { s.Now = clk.Now })
	addForm(t, db, "Ihre Meinung", map[string]string{"slug": "meinung", "store": "Filiale Mitte", "embed": "https://shop.example"})
	addForm(t, db, "Kiosk-Fragen", map[string]string{"slug": "kiosk-fragen"})
	c := formClient{t, base, "de"}
	t.Run("AnAddressLikeAKioskIsNone", func(t *testing.T) {
		resp, body := c.do("GET", "/forms/kiosk-fragen", nil)
		wantPage(t, resp.StatusCode, body, http.StatusOK, "Ihre Nachricht")
		if strings.Contains(body, `class="public-form kiosk"`) {
			t.Fatal("a form whose address starts with kiosk is shown as a kiosk")
		}
	})
	t.Run("NamesTheStore", func(t *testing.T) {
		resp, body := c.do("GET", "/forms/meinung/kiosk", nil)
		wantPage(t, resp.StatusCode, body, http.StatusOK, `<p class="store" id="kiosk-store">Filiale Mitte</p>`)
		mustContain(t, body, `class="public-form kiosk"`, `autocomplete="off"`, `action="/forms/meinung/kiosk"`, "Was möchten Sie uns sagen?")
		if resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatal("the browser may keep the kiosk's page, and the next customer go back to it")
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Fatalf("the kiosk may be framed: %q", csp)
		}
	})
	t.Run("AnonymousEntryThenReset", func(t *testing.T) {
		resp, body := c.do("POST", "/forms/meinung/kiosk", url.Values{"text": {"Sehr freundliche Beratung an der Kasse!"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/forms/meinung/kiosk/thanks" {
			t.Fatalf("%d to %q: %s", resp.StatusCode, resp.Header.Get("Location"), body)
		}
		resp, body = c.do("GET", "/forms/meinung/kiosk/thanks", nil)
		wantPage(t, resp.StatusCode, body, http.StatusOK, `<meta http-equiv="refresh" content="8; url=/forms/meinung/kiosk">`)
		mustContain(t, body, "Vielen Dank für Ihre Rückmeldung!", `href="/forms/meinung/kiosk"`)
		msgs := formMessages(t, db, "instore")
		if len(msgs) != 1 || !strings.HasPrefix(msgs[0].AuthorHandle, "anonymous:") {
			t.Fatalf("in-store messages %+v", msgs)
		}
	})
	t.Run("ManyCustomersOneTablet", func(t *testing.T) {
		for i := range 20 {
			clk.Add(time.Minute)
			f := url.Values{"text": {"Rückmeldung " + string(rune('A'+i))}, "email": {"kunde@example.org"}}
			if resp, body := c.do("POST", "/forms/meinung/kiosk", f); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("customer %d: %d %s", i+1, resp.StatusCode, body)
			}
		}
	})
}
