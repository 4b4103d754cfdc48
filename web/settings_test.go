package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// browserless is a logged-in user's HTTP client with the CSRF token of their session.
type browserless struct {
	t      *testing.T
	base   string
	client *http.Client
	csrf   string
}

func loggedIn(t *testing.T, base string, db *store.DB, login, role string) *browserless {
	t.Helper()
	if err := db.CreateUser(context.Background(), &resonanz.User{Login: login, Name: login, Role: role}, "long-enough-password"); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	b := &browserless{t: t, base: base, client: &http.Client{Jar: jar}}
	_, page := b.get("/login")
	b.csrf = csrfIn(t, page)
	_, page = b.post("/login", url.Values{"login": {login}, "password": {"long-enough-password"}})
	b.csrf = csrfIn(t, page)
	return b
}

func csrfIn(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token in the page")
	}
	return m[1]
}

func (b *browserless) get(path string) (int, string) {
	resp, err := b.client.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (b *browserless) post(path string, form url.Values) (int, string) {
	form.Set("csrf", b.csrf)
	return b.postAsIs(path, form)
}

// postAsIs sends a form without adding the CSRF token.
func (b *browserless) postAsIs(path string, form url.Values) (int, string) {
	resp, err := b.client.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestSettingsNeedALead(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	for _, path := range []string{"/settings/rules", "/settings/sla", "/settings/teams", "/settings/topics", "/reports/sla"} {
		if status, body := agent.get(path); status != http.StatusForbidden || !strings.Contains(body, "Only leads and admins") {
			t.Errorf("agent GET %s: %d, want 403 with a reason", path, status)
		}
	}
	if status, _ := agent.post("/settings/rules", url.Values{"name": {"x"}, "priority": {"high"}}); status != http.StatusForbidden {
		t.Errorf("agent saving a rule: %d, want 403", status)
	}
	if rules, _ := db.FindRules(context.Background()); len(rules) != 0 {
		t.Fatalf("an agent saved %d rules", len(rules))
	}
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	if status, body := lead.get("/settings/rules"); status != http.StatusOK || !strings.Contains(body, `id="rule-form"`) {
		t.Fatalf("lead GET /settings/rules: %d", status)
	}
	if _, err := db.Ingest(context.Background(), []resonanz.IncomingMessage{{Channel: "email", ExternalID: "1",
		Author: resonanz.Author{Handle: "kim@example.org"}, Text: "Hallo", Visibility: resonanz.Private, Time: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	if status, body := lead.get("/reports/sla?days=7"); status != http.StatusOK || !strings.Contains(body, "<strong>last 7 days</strong>") ||
		!strings.Contains(body, `<td>no team</td><td>1</td><td>0</td>`) {
		t.Fatalf("lead GET /reports/sla: %d, the report does not show the new conversation without a team", status)
	}
}

func TestSettingsFormsExplainBadInput(t *testing.T) {
	base, db, _ := newTestServer(t)
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	cases := []struct {
		path string
		form url.Values
		want string
	}{
		{"/settings/rules", url.Values{"name": {"Nichts"}, "keywords": {"paket"}}, "A rule must do something"},
		{"/settings/rules", url.Values{"name": {"Schräg"}, "team": {"abc"}, "priority": {"high"}}, "Not a valid choice"},
		{"/settings/sla/policies", url.Values{"name": {"Schnell"}, "first": {"bald"}}, "whole minutes"},
		{"/settings/sla/policies", url.Values{"name": {"Leer"}}, "at least one goal"},
		{"/settings/sla/calendars", url.Values{"name": {"Büro"}, "day1": {"9 bis 5"}}, "is not like 09:00-17:00"},
		{"/settings/sla/calendars", url.Values{"name": {"Mars"}, "tz": {"Mars/Olympus"}, "day1": {"09:00-17:00"}}, "time zone"},
		{"/settings/agents/1", url.Values{"capacity": {"-3"}}, "Capacity must be"},
		{"/settings/topics", url.Values{"name": {"Rück ruf!"}, "seed_terms": {"Rückruf"}}, "lower-case letters"},
		{"/settings/topics", url.Values{"name": {"delivery"}, "seed_terms": {"Paket"}}, "built-in topic"},
		{"/settings/topics", url.Values{"name": {"all"}, "seed_terms": {"alles"}}, "reserved"},
		{"/settings/topics", url.Values{"name": {"rueckruf"}, "seed_terms": {" , "}}, "at least one seed term"},
	}
	for _, c := range cases {
		status, body := lead.post(c.path, c.form)
		if status != http.StatusBadRequest || !strings.Contains(body, c.want) {
			t.Errorf("POST %s %v: %d, want 400 saying %q", c.path, c.form, status, c.want)
		}
	}
	status, body := lead.post("/settings/rules", url.Values{"name": {"Nichts"}, "keywords": {"paket, retoure"}})
	if status != http.StatusBadRequest || !strings.Contains(body, `value="paket, retoure"`) {
		t.Errorf("a refused rule form does not keep what was typed (status %d)", status)
	}
	policies, _ := db.FindSLAPolicies(context.Background())
	calendars, _ := db.FindCalendars(context.Background())
	topics, _ := db.FindTopics(context.Background())
	if rules, _ := db.FindRules(context.Background()); len(rules)+len(policies)+len(calendars)+len(topics) != 0 {
		t.Fatalf("bad input saved something: %d rules, %d policies, %d calendars, %d topics", len(rules), len(policies), len(calendars), len(topics))
	}
}

func TestSettingsSave(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	team, _ := db.CreateTeam(ctx, "Versand")
	if status, _ := lead.post("/settings/rules", url.Values{"name": {"Pakete"}, "enabled": {"1"}, "topic": {"delivery"},
		"channel": {"email", "fax"}, "keywords": {"paket,  retoure ,paket"}, "team": {itoa(team.ID)}, "priority": {"high"}}); status != http.StatusOK {
		t.Fatalf("saving a rule: %d", status)
	}
	rules, _ := db.FindRules(ctx)
	if len(rules) != 1 || rules[0].Actions.TeamID != team.ID || strings.Join(rules[0].Conditions.Keywords, "|") != "paket|retoure" ||
		strings.Join(rules[0].Conditions.Channels, "|") != "email" {
		t.Fatalf("saved rules = %+v", rules)
	}
	if status, body := lead.get("/settings/rules"); status != http.StatusOK || !strings.Contains(body, "Versand") || !strings.Contains(body, "paket, retoure") {
		t.Fatalf("the rule list does not describe the rule (status %d)", status)
	}
	if status, _ := lead.post("/settings/sla/calendars", url.Values{"name": {"Büro"}, "state": {"BY"}, "day1": {"09:00-12:00, 13:00-17:00"},
		"closed": {"2030-12-24"}}); status != http.StatusOK {
		t.Fatalf("saving a calendar: %d", status)
	}
	cals, _ := db.FindCalendars(ctx)
	if len(cals) != 1 || len(cals[0].Week[1]) != 2 || cals[0].Week[1][1].End != 17*60 || cals[0].TimeZone != "Europe/Berlin" {
		t.Fatalf("saved calendars = %+v", cals)
	}
	if status, _ := lead.post("/settings/sla/policies", url.Values{"name": {"E-Mail"}, "channel": {"email"}, "first": {"240"},
		"warn": {"30"}, "calendar": {itoa(cals[0].ID)}, "reassign": {"1"}}); status != http.StatusOK {
		t.Fatalf("saving a policy: %d", status)
	}
	ps, _ := db.FindSLAPolicies(ctx)
	if len(ps) != 1 || ps[0].FirstResponse.Minutes() != 240 || !ps[0].Reassign || ps[0].CalendarName != "Büro" {
		t.Fatalf("saved policies = %+v", ps)
	}
	if status, body := lead.get("/settings/sla?edit=" + itoa(ps[0].ID)); status != http.StatusOK || !strings.Contains(body, `value="240"`) ||
		!strings.Contains(body, "Edit policy") {
		t.Fatalf("the edit form (status %d) does not hold the policy's 240 minutes", status)
	}
	if status, _ := lead.post("/settings/sla/policies", url.Values{"id": {itoa(ps[0].ID)}, "name": {"E-Mail"}, "channel": {"email"},
		"first": {"120"}}); status != http.StatusOK {
		t.Fatalf("editing the policy: %d", status)
	}
	if ps, _ := db.FindSLAPolicies(ctx); len(ps) != 1 || ps[0].FirstResponse.Minutes() != 120 || ps[0].Reassign {
		t.Fatalf("after editing: %+v, want one policy with 120 minutes and no reassignment", ps)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestNotificationsLinkCountsUnread(t *testing.T) {
	base, db, _ := newTestServer(t)
	ann := loggedIn(t, base, db, "ann", resonanz.RoleAgent)
	u, err := db.FindUserByLogin(context.Background(), "ann")
	if err != nil {
		t.Fatal(err)
	}
	if _, body := ann.get("/notifications/link"); strings.Contains(body, `id="unread"`) {
		t.Fatalf("unread count without notifications: %s", body)
	}
	for i := 0; i < 2; i++ {
		if err := db.Notify(context.Background(), &resonanz.Notification{UserID: u.ID, Kind: "sla.warning", Text: "bald fällig"}); err != nil {
			t.Fatal(err)
		}
	}
	if status, body := ann.get("/notifications/link"); status != http.StatusOK || !strings.Contains(body, `<span class="count" id="unread">2</span>`) ||
		strings.Contains(body, "<html") {
		t.Fatalf("the link fragment (status %d) does not count 2 unread: %s", status, body)
	}
	_, body := ann.get("/notifications")
	if !strings.Contains(body, "bald fällig") {
		t.Fatal("the notifications page does not list them")
	}
	if _, link := ann.get("/notifications/link"); !strings.Contains(link, `<span class="count" id="unread">2</span>`) {
		t.Fatal("opening the notifications page (a GET) marked them read")
	}
	if !strings.Contains(body, `<form method="post" action="/notifications/read"`) {
		t.Fatalf("the page has no form to mark them read:\n%s", body)
	}
	if status, _ := ann.postAsIs("/notifications/read", url.Values{}); status != http.StatusForbidden {
		t.Fatalf("marking read without the CSRF token answered %d", status)
	}
	if status, body := ann.post("/notifications/read", url.Values{}); status != http.StatusOK || !strings.Contains(body, "bald fällig") {
		t.Fatalf("marking read answered %d without returning to the list", status)
	}
	if _, link := ann.get("/notifications/link"); strings.Contains(link, `id="unread"`) {
		t.Fatal("marking the notifications read did not clear the count")
	}
}
