package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/demo"
	"github.com/resonanz/resonanz/linksign"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/survey"
)

// lockedBuffer is a log that the server writes while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startDemoLogged runs the demo with a log the test can read, in the
// PostgreSQL database at database if one is given.
func startDemoLogged(t *testing.T, database string) (*Main, *lockedBuffer) {
	t.Helper()
	var log lockedBuffer
	m := NewMain(Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Demo: true, Database: database})
	m.Stdout = io.Discard
	m.Logger = slog.New(slog.NewTextHandler(&log, nil))
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		m.Close()
		if t.Failed() {
			t.Logf("the server's log:\n%s", log.String())
		}
	})
	if database != "" {
		// On PostgreSQL the storm monitor runs once the node took the lead.
		for deadline := time.Now().Add(2 * time.Minute); m.Warm() == nil; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the node never took the lead:\n%s", log.String())
			}
		}
		<-m.Warm()
	}
	return m, &log
}

// webClient is a browser without JavaScript, logged in through the form.
type webClient struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func logInWeb(t *testing.T, m *Main, login, password, lang string) *webClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(m.URL())
	jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: lang, Path: "/"}})
	c := &webClient{t: t, base: m.URL(), http: &http.Client{Jar: jar}}
	_, page := c.get("/login")
	c.csrf = csrfField.FindStringSubmatch(page)[1]
	status, page := c.post("/login", url.Values{"login": {login}, "password": {password}})
	if m := csrfField.FindStringSubmatch(page); status != http.StatusOK || m == nil {
		t.Fatalf("log in as %s: %d", login, status)
	} else {
		c.csrf = m[1]
	}
	return c
}

func (c *webClient) get(path string) (int, string) {
	c.t.Helper()
	resp, err := c.http.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (c *webClient) post(path string, form url.Values) (int, string) {
	c.t.Helper()
	form.Set("csrf", c.csrf)
	resp, err := c.http.PostForm(c.base+path, form)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

var (
	hiddenParts = regexp.MustCompile(`(?s)<(script|style)[^>]*>.*?</(script|style)>`)
	readAttrs   = regexp.MustCompile(`(?:title|placeholder|aria-label|alt)="([^"]*)"`)
	anyTag      = regexp.MustCompile(`<[^>]*>`)
	// keyLike is how a catalogue key looks: lower-case words joined by dots.
	keyLike = regexp.MustCompile(`(^|[^\w@/.-])([a-z][a-z_]+(?:\.[a-z][a-z_]+)+)($|[^\w@/-])`)
	// domains end with these; customers write addresses, keys do not.
	domainEnds = regexp.MustCompile(`\.(com|org|net|de|social|example|io|app|eu|info)$`)
)

// readableText is what a person reads of a page: its text and the
// attributes that browsers show.
func readableText(page string) string {
	page = hiddenParts.ReplaceAllString(page, " ")
	var b strings.Builder
	for _, m := range readAttrs.FindAllStringSubmatch(page, -1) {
		b.WriteString(m[1] + "\n")
	}
	b.WriteString(anyTag.ReplaceAllString(page, "\n"))
	return html.UnescapeString(b.String())
}

// rawKeys lists what looks like a catalogue key in the readable text.
func rawKeys(page string) []string {
	var keys []string
	for _, line := range strings.Split(readableText(page), "\n") {
		for _, m := range keyLike.FindAllStringSubmatch(line, -1) {
			if !domainEnds.MatchString(m[2]) {
				keys = append(keys, m[2])
			}
		}
	}
	return keys
}

// Every main page, rendered in German and in English with the demo's data
// and a shift's work on top, shows only catalogue texts: no key the
// catalogue lacks is looked up, and nothing that looks like a key shows.
// It runs on SQLite and, when the tests have one, on PostgreSQL, where it
// is the walk that shows every page works on the second engine.
func TestEveryPageInEveryLanguage(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	t.Run("sqlite", func(t *testing.T) { everyPageInEveryLanguage(t, "") })
	t.Run("postgres", func(t *testing.T) { everyPageInEveryLanguage(t, storetest.PostgresSchema(t)) })
}

func everyPageInEveryLanguage(t *testing.T, database string) {
	m, log := startDemoLogged(t, database)
	conv, alertID := workAShift(t, m)
	rules := url.Values{"name": {"Anwalt"}, "keywords": {"Anwalt"}, "priority": {"urgent"}, "sample": {"Ich schalte meinen Anwalt ein!"},
		"sample_channel": {"mastodon"}}
	for _, lang := range []string{"de", "en"} {
		admin := logInWeb(t, m, demo.Login, demo.Password, lang)
		pages := []string{"/", "/?status=open&due=1", "/?overdue=1", fmt.Sprintf("/conversations/%d", conv), "/search?q=Rechnung", "/alerts",
			fmt.Sprintf("/alerts/%d", alertID), "/promises", "/promises?scope=all", "/goodwill", "/goodwill/policies", "/settings/rules",
			"/settings/sla", "/settings/teams", "/settings/topics", "/settings/analysis", "/settings/channels", "/reports/sla", "/notifications", "/me", "/settings/surveys",
			"/reports", "/reports/teams", "/settings/users", "/settings/canned", "/settings/tokens", "/settings/webhooks", "/signatures", "/praise",
			"/suggestions", "/articles", "/help", "/help?q=Lieferung", "/metrics", "/search?q=App",
			fmt.Sprintf("/contacts/%d", contactOf(t, m, conv))}
		for _, path := range pages {
			status, page := admin.get(path)
			if status != http.StatusOK {
				t.Errorf("%s %s: %d", lang, path, status)
			}
			if keys := rawKeys(page); len(keys) > 0 {
				t.Errorf("%s %s shows raw keys %q", lang, path, keys)
			}
		}
		for _, check := range []struct {
			name       string
			status     int
			page, want string
		}{
			{"rule tester", http.StatusOK, second(admin.post("/settings/rules/test", rules)), "id=\"test-team\""},
			{"error page", http.StatusNotFound, second(admin.get("/conversations/999999")), "id=\"error-message\""},
			{"bad input", http.StatusBadRequest, second(admin.post("/settings/sla/policies", url.Values{"name": {"x"}})), "id=\"form-error\""},
		} {
			if !strings.Contains(check.page, check.want) {
				t.Errorf("%s %s: page lacks %s", lang, check.name, check.want)
			}
			if keys := rawKeys(check.page); len(keys) > 0 {
				t.Errorf("%s %s shows raw keys %q", lang, check.name, keys)
			}
		}
		contact := contactOf(t, m, conv)
		surveys, err := m.DB.ConversationSurveys(context.Background(), conv)
		if err != nil {
			t.Fatal(err)
		}
		public := []string{m.Links.WishesLink(contact, lang), m.URL() + "/wishes/1-de-x-00", m.URL() + "/wishes/" + m.Links.Token(linksign.Wishes, contact, lang, -time.Hour)}
		for _, s := range surveys {
			public = append(public, m.Links.SurveyLink(s.ID, lang))
		}
		for _, link := range public {
			resp, err := http.Get(link)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if keys := rawKeys(string(page)); len(keys) > 0 {
				t.Errorf("%s %s shows raw keys %q", lang, link, keys)
			}
		}
		lead := logInWeb(t, m, "lea@example.org", demo.Password, lang)
		if _, page := lead.get("/notifications"); len(rawKeys(page)) > 0 {
			t.Errorf("%s notifications of the lead show raw keys %q", lang, rawKeys(page))
		}
	}
	if strings.Contains(log.String(), "missing from the catalogue") {
		t.Errorf("pages looked up texts the catalogue lacks:\n%s", log)
	}
}

func second(_ int, page string) string { return page }

func contactOf(t *testing.T, m *Main, conv int64) int64 {
	t.Helper()
	c, err := m.DB.FindConversationByID(context.Background(), conv)
	if err != nil {
		t.Fatal(err)
	}
	return c.ContactID
}

// workAShift does on the demo what agents and leads do in a day, so that
// every kind of audit entry, notification and alert step exists; it returns
// a conversation that has them all and the demo's storm alert.
func workAShift(t *testing.T, m *Main) (conversation, alertID int64) {
	t.Helper()
	ctx := context.Background()
	db := m.DB
	user := func(login string) *resonanz.User {
		u, err := db.FindUserByLogin(ctx, login)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	lead, tom, aylin := user("lea@example.org"), user("tom@example.org"), user("aylin@example.org")
	page, err := db.FindConversations(ctx, resonanz.ConversationFilter{Channel: "mastodon", Limit: 1})
	if err != nil || len(page.Conversations) == 0 {
		t.Fatalf("no demo conversation: %v", err)
	}
	c := page.Conversations[0]
	id := c.ID
	due := time.Now().Add(48 * time.Hour)
	var promises []*resonanz.Promise
	for _, text := range []string{"Gutschrift bis Freitag", "Rückruf morgen", "Ersatzteil bestellen"} {
		p := &resonanz.Promise{ConversationID: id, Text: text, DueAt: due, OwnerID: tom.ID}
		must(t, db.AddPromise(ctx, p, tom))
		promises = append(promises, p)
	}
	must(t, db.KeepPromise(ctx, promises[0].ID, tom))
	must(t, db.BreakPromise(ctx, promises[1].ID, tom, "Kundin nicht erreicht"))
	must(t, db.HandOverPromise(ctx, promises[2].ID, tom, aylin.ID, "Ich bin ab morgen im Urlaub"))
	small := &resonanz.GoodwillGrant{ConversationID: id, Kind: resonanz.GoodwillVoucher, Amount: 1000, Reason: "Lieferverzug"}
	must(t, db.GrantGoodwill(ctx, small, tom))
	for _, decision := range []bool{true, false} {
		big := &resonanz.GoodwillGrant{ConversationID: id, Kind: resonanz.GoodwillRefund, Amount: 4000, Reason: "Defekt"}
		must(t, db.GrantGoodwill(ctx, big, tom))
		must(t, db.DecideGoodwill(ctx, big.ID, lead, decision, "geprüft"))
	}
	pending := &resonanz.GoodwillGrant{ConversationID: id, Kind: resonanz.GoodwillVoucher, Amount: 4500, Reason: "Ersatz"}
	must(t, db.GrantGoodwill(ctx, pending, tom))
	to := aylin
	if c.OwnerID == aylin.ID {
		to = tom
	}
	must(t, db.HandOver(ctx, id, tom, to.ID, "Bitte übernehmen"))
	must(t, db.RecordWish(ctx, id, aylin, resonanz.Wish{Purpose: resonanz.PurposeNews, Channel: "mastodon", State: resonanz.WishDenied, Reason: "per DM"}))
	must(t, db.RecordWish(ctx, id, aylin, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied, Reason: "per Brief"}))
	must(t, db.RecordWish(ctx, id, aylin, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishAllowed, Reason: "schrieb wieder"}))
	must(t, db.SetVIP(ctx, id, lead, true))
	must(t, db.AddNote(ctx, id, aylin, "Kunde ist Stammkunde"))
	if _, err := db.Reply(ctx, id, aylin, "Wir kümmern uns darum.", true); err != nil {
		t.Fatal(err)
	}
	must(t, db.SetSensitive(ctx, id, aylin, true))
	must(t, db.SetSensitive(ctx, id, aylin, false))
	if _, err := db.SendNotice(ctx, id, aylin, resonanz.PurposeNews, "Unser Herbstangebot"); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
		t.Fatalf("news against a wish: %v", err)
	}
	must(t, db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Question: resonanz.QuestionCSAT}, lead))
	status, team := resonanz.StatusSolved, int64(0)
	solved := time.Now().Truncate(time.Millisecond)
	clock := db.Now
	db.Now = func() time.Time { return solved }
	must(t, db.UpdateConversation(ctx, id, lead, resonanz.ConversationUpdate{Status: &status, TeamID: &team}))
	db.Now = clock
	// The demo may have asked this customer lately; then the trail says so.
	if s, err := db.SendDueSurvey(ctx, id, solved, survey.Decide); err != nil {
		t.Fatal(err)
	} else if s != nil {
		if _, err := db.AnswerSurvey(ctx, s.ID, 1, "Zu langsam"); err != nil {
			t.Fatal(err)
		}
	}
	tl, err := db.Timeline(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tl.Entries {
		if e.Message != nil && e.Message.Direction == resonanz.Inbound {
			if _, err := db.CorrectLabel(ctx, e.Message.ID, aylin, "kind", resonanz.KindSuggestion); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	alerts, err := db.FindAlerts(ctx, true)
	if err != nil || len(alerts) == 0 {
		t.Fatalf("no demo alert: %v", err)
	}
	a := alerts[0]
	// Which room the demo ranks first depends on the day it is built: the
	// statement may be given publicly and every customer has a variant.
	must(t, db.SetStatement(ctx, a.ID, lead, resonanz.Statement{Text: "Wir arbeiten an einer Lösung.", Public: true}))
	if a.Status == resonanz.AlertOpen {
		must(t, db.SetAlertStatus(ctx, a.ID, lead, resonanz.AlertAcknowledged))
	}
	if _, err := db.SendBulkReply(ctx, a.ID, lead, resonanz.BulkDraft{Templates: map[string]string{
		resonanz.VariantSie: "Hallo {name}, {statement}", resonanz.VariantDu: "Hallo {name}, {statement}", resonanz.VariantEnglish: "Hello {name}, {statement}"}}, "nonce-1"); err != nil {
		t.Fatal(err)
	}
	return id, a.ID
}
