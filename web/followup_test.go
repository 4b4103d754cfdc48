package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// session is a logged-in browser without JavaScript: it sends forms and does not follow redirects.
type session struct {
	t     *testing.T
	base  string
	token string
	CSRF  string
	// Location is where the last answer redirected to.
	Location string
}

func logInAs(t *testing.T, base string, db *store.DB, login, role string) (*session, *resonanz.User) {
	t.Helper()
	u := &resonanz.User{Login: login, Name: "User " + login, Role: role}
	if err := db.CreateUser(context.Background(), u, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	token, csrf, err := db.CreateSession(context.Background(), u.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return &session{t: t, base: base, token: token, CSRF: csrf}, u
}

func (s *session) do(method, path string, form url.Values) (int, string) {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "resonanz_session", Value: s.token})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	s.Location = resp.Header.Get("Location")
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// post sends a form with the session's CSRF token.
func (s *session) post(path string, fields ...string) (int, string) {
	s.t.Helper()
	form := url.Values{"csrf": {s.CSRF}}
	for i := 0; i+1 < len(fields); i += 2 {
		form.Set(fields[i], fields[i+1])
	}
	return s.do("POST", path, form)
}

func (s *session) get(path string) (int, string) {
	s.t.Helper()
	return s.do("GET", path, nil)
}

// wantPage checks a status and that the body says what the user must read.
func wantPage(t *testing.T, status int, body string, wantStatus int, wantText string) {
	t.Helper()
	if status != wantStatus || !strings.Contains(body, wantText) {
		t.Fatalf("got %d, want %d with %q; body:\n%.2000s", status, wantStatus, wantText, body)
	}
}

func newConversation(t *testing.T, db *store.DB) int64 {
	t.Helper()
	res, err := db.Ingest(context.Background(), []resonanz.IncomingMessage{{Channel: "email", ExternalID: "e1",
		Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna"}, Text: "Meine Gutschrift fehlt",
		Time: time.Now().Add(-time.Hour), Visibility: resonanz.Private}})
	if err != nil {
		t.Fatal(err)
	}
	return res[0].ConversationID
}

func TestPromiseForms(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent, tom := logInAs(t, base, db, "tom", resonanz.RoleAgent)
	_, eva := logInAs(t, base, db, "eva", resonanz.RoleAgent)
	conv := newConversation(t, db)
	path := fmt.Sprint("/conversations/", conv)
	promises := func() []*resonanz.Promise {
		list, err := db.FindPromises(context.Background(), resonanz.PromiseFilter{ConversationID: conv})
		if err != nil {
			t.Fatal(err)
		}
		return list
	}

	t.Run("ErrCSRF", func(t *testing.T) {
		status, body := agent.do("POST", path+"/promises", url.Values{"text": {"Rückruf"}, "due": {"2099-01-15T10:00"}})
		wantPage(t, status, body, http.StatusForbidden, "The form has expired")
		if n := len(promises()); n != 0 {
			t.Fatalf("a forged form stored %d promises", n)
		}
	})
	t.Run("ErrTextRequired", func(t *testing.T) {
		status, body := agent.post(path+"/promises", "text", " ", "due", "2099-01-15T10:00")
		wantPage(t, status, body, http.StatusBadRequest, "Say what was promised.")
	})
	t.Run("ErrDueInThePast", func(t *testing.T) {
		status, body := agent.post(path+"/promises", "text", "Rückruf", "due", "2020-01-15T10:00")
		wantPage(t, status, body, http.StatusBadRequest, "has passed already")
	})
	t.Run("OKInBerlinTime", func(t *testing.T) {
		status, _ := agent.post(path+"/promises", "text", "Gutschrift bis Freitag", "due", "2099-01-15T10:00")
		if status != http.StatusSeeOther {
			t.Fatalf("add promise answered %d", status)
		}
		list := promises()
		if len(list) != 1 || list[0].OwnerID != tom.ID || !list[0].DueAt.Equal(time.Date(2099, 1, 15, 9, 0, 0, 0, time.UTC)) {
			t.Fatalf("stored %+v; want due 10:00 Berlin (09:00 UTC), owned by the agent", list)
		}
		_, page := agent.get(path)
		wantPage(t, http.StatusOK, page, http.StatusOK, "Gutschrift bis Freitag")
	})
	t.Run("ErrBreakWithoutReason", func(t *testing.T) {
		status, body := agent.post(fmt.Sprint("/promises/", promises()[0].ID, "/break"), "reason", "")
		wantPage(t, status, body, http.StatusBadRequest, "Say why the promise was broken.")
	})
	t.Run("HandOver", func(t *testing.T) {
		status, _ := agent.post(fmt.Sprint("/promises/", promises()[0].ID, "/handover"), "to", fmt.Sprint(eva.ID), "note", "Urlaub", "back", "https://evil.example/")
		if status != http.StatusSeeOther || agent.Location != "/promises" {
			t.Fatalf("hand-over answered %d to %q, want a redirect to /promises, never off the site", status, agent.Location)
		}
		if p := promises()[0]; p.OwnerID != eva.ID || p.State != resonanz.PromiseOpen {
			t.Fatalf("after hand-over %+v", p)
		}
	})
	t.Run("ClosingWarns", func(t *testing.T) {
		if status, _ := agent.post(path+"/update", "status", "closed"); status != http.StatusSeeOther {
			t.Fatalf("close answered %d", status)
		}
		_, page := agent.get(path)
		wantPage(t, http.StatusOK, page, http.StatusOK, `id="promise-warning"`)
		_, list := agent.get("/promises?scope=team")
		if strings.Contains(list, "Gutschrift bis Freitag") {
			t.Fatal("the team list shows a promise of a conversation without team")
		}
	})
	t.Run("ErrAgentSeesAll", func(t *testing.T) {
		status, body := agent.get("/promises?scope=all")
		wantPage(t, status, body, http.StatusForbidden, "Only leads and admins see everyone")
	})
}

func TestGoodwillForms(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent, _ := logInAs(t, base, db, "tom", resonanz.RoleAgent)
	admin, _ := logInAs(t, base, db, "ada", resonanz.RoleAdmin)
	lead, _ := logInAs(t, base, db, "lea", resonanz.RoleLead)
	conv := newConversation(t, db)
	grantPath := fmt.Sprint("/conversations/", conv, "/goodwill")

	for _, tc := range []struct{ name, amount, reason, want string }{
		{"ErrNegativeAmount", "-5", "Lieferverzug", "The amount must not be negative."},
		{"ErrNotAnAmount", "zehn", "Lieferverzug", "is not an amount in euros"},
		{"ErrReasonRequired", "5", "", "Give a reason for the goodwill."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := agent.post(grantPath, "kind", "voucher", "amount", tc.amount, "reason", tc.reason)
			wantPage(t, status, body, http.StatusBadRequest, tc.want)
		})
	}
	var pending *resonanz.GoodwillGrant
	t.Run("AboveLimitWaits", func(t *testing.T) {
		if status, _ := agent.post(grantPath, "kind", "voucher", "amount", "35,50", "reason", "Lieferverzug"); status != http.StatusSeeOther {
			t.Fatalf("grant answered %d", status)
		}
		list, err := db.FindGoodwillGrants(context.Background(), resonanz.GoodwillFilter{ConversationID: conv})
		if err != nil || len(list) != 1 || list[0].State != resonanz.GoodwillPending || list[0].Amount != 3550 {
			t.Fatalf("stored %+v, %v", list, err)
		}
		pending = list[0]
	})
	t.Run("ErrAgentApproves", func(t *testing.T) {
		status, body := agent.post(fmt.Sprint("/goodwill/", pending.ID, "/decide"), "decision", "approve")
		wantPage(t, status, body, http.StatusForbidden, "Agents cannot approve goodwill")
	})
	t.Run("ErrAgentOpensLeadPages", func(t *testing.T) {
		for _, path := range []string{"/goodwill", "/goodwill/policies"} {
			status, body := agent.get(path)
			wantPage(t, status, body, http.StatusForbidden, "Only leads and admins")
		}
		status, body := agent.post("/goodwill/policies", "kind", "voucher", "agent_limit", "1000", "lead_limit", "1000", "customer_total", "0", "period_days", "90")
		wantPage(t, status, body, http.StatusForbidden, "Only leads and admins")
	})
	t.Run("AdminSeesAndApproves", func(t *testing.T) {
		_, page := admin.get("/goodwill")
		wantPage(t, http.StatusOK, page, http.StatusOK, "35,50 €")
		status, _ := admin.post(fmt.Sprint("/goodwill/", pending.ID, "/decide"), "decision", "approve", "note", "ok")
		if status != http.StatusSeeOther {
			t.Fatalf("approve answered %d", status)
		}
		_, page = admin.get("/goodwill")
		wantPage(t, http.StatusOK, page, http.StatusOK, `<span id="goodwill-total">35,50 €</span>`)
	})
	t.Run("LeadSetsPolicy", func(t *testing.T) {
		status, body := lead.post("/goodwill/policies", "kind", "refund", "agent_limit", "30", "lead_limit", "10", "customer_total", "0", "period_days", "90")
		wantPage(t, status, body, http.StatusBadRequest, "The lead limit must be at least the agent limit")
		if status, _ := lead.post("/goodwill/policies", "kind", "refund", "agent_limit", "30", "lead_limit", "80,50", "customer_total", "0", "period_days", "30"); status != http.StatusSeeOther {
			t.Fatalf("save policy answered %d", status)
		}
		_, page := lead.get("/goodwill/policies")
		wantPage(t, http.StatusOK, page, http.StatusOK, `value="80,50"`)
	})
}

func TestPromisesPage(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent, tom := logInAs(t, base, db, "tom", resonanz.RoleAgent)
	lead, lea := logInAs(t, base, db, "lea", resonanz.RoleLead)
	conv := newConversation(t, db)
	for _, p := range []*resonanz.Promise{
		{ConversationID: conv, Text: "Später fällig", DueAt: time.Now().Add(48 * time.Hour), OwnerID: tom.ID},
		{ConversationID: conv, Text: "Längst fällig", DueAt: time.Now().Add(-time.Hour), OwnerID: tom.ID},
		{ConversationID: conv, Text: "Sache der Leitung", DueAt: time.Now().Add(time.Hour), OwnerID: lea.ID},
	} {
		if err := db.AddPromise(context.Background(), p, tom); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("MineByDueTimeOverdueMarked", func(t *testing.T) {
		_, page := agent.get("/promises")
		first, later := strings.Index(page, "Längst fällig"), strings.Index(page, "Später fällig")
		if first < 0 || later < first || strings.Contains(page, "Sache der Leitung") {
			t.Fatalf("my promises are not mine by due time:\n%.3000s", page)
		}
		if !strings.Contains(page, `class="promise state-open overdue"`) || strings.Count(page, "overdue-flag") != 1 {
			t.Fatalf("the overdue promise is not highlighted, or more than it:\n%.3000s", page)
		}
	})
	t.Run("LeadSeesAll", func(t *testing.T) {
		_, page := lead.get("/promises?scope=all")
		for _, want := range []string{"Längst fällig", "Später fällig", "Sache der Leitung"} {
			if !strings.Contains(page, want) {
				t.Fatalf("all promises lack %q", want)
			}
		}
	})
}

// A promise or goodwill form with a mistake comes back on the conversation
// page with the problem beside it and everything typed still there; so do
// the small forms of one promise or request in a list.
func TestFollowupFormsKeepWhatWasTyped(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent, tom := logInAs(t, base, db, "tom", resonanz.RoleAgent)
	lead, _ := logInAs(t, base, db, "lea", resonanz.RoleLead)
	_, eva := logInAs(t, base, db, "eva", resonanz.RoleAgent)
	conv := newConversation(t, db)
	path := fmt.Sprint("/conversations/", conv)
	wantAll := func(t *testing.T, body string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("the page lacks %s; body:\n%.3000s", w, body)
			}
		}
	}

	t.Run("Promise", func(t *testing.T) {
		status, body := agent.post(path+"/promises", "text", "Rückruf morgen früh", "due", "2020-01-15T10:00", "owner", fmt.Sprint(eva.ID))
		wantPage(t, status, body, http.StatusBadRequest, "has passed already")
		wantAll(t, body, `id="timeline"`, `id="promise-error" role="alert"`, `value="Rückruf morgen früh"`, `value="2020-01-15T10:00"`,
			fmt.Sprintf(`<option value="%d" selected>`, eva.ID), `id="promise-due"`+"\n      "+`value="2020-01-15T10:00" required aria-invalid="true"`,
			`<input type="hidden" name="csrf"`, `action="/conversations/`+fmt.Sprint(conv)+`/promises"`)
		if strings.Contains(body, `id="error-message"`) {
			t.Error("the mistake went to an error page")
		}
	})
	t.Run("Goodwill", func(t *testing.T) {
		status, body := agent.post(path+"/goodwill", "kind", "refund", "amount", "zehn", "reason", "Lieferverzug")
		wantPage(t, status, body, http.StatusBadRequest, "is not an amount in euros")
		wantAll(t, body, `id="goodwill-error" role="alert"`, `<option value="refund" selected>`, `value="zehn"`, `value="Lieferverzug"`)
	})
	t.Run("BreakWithoutReason", func(t *testing.T) {
		p := &resonanz.Promise{ConversationID: conv, Text: "Gutschrift bis Freitag", DueAt: time.Now().Add(time.Hour), OwnerID: tom.ID}
		if err := db.AddPromise(context.Background(), p, tom); err != nil {
			t.Fatal(err)
		}
		status, body := agent.post(fmt.Sprint("/promises/", p.ID, "/break"), "reason", " ", "back", "/promises")
		wantPage(t, status, body, http.StatusBadRequest, "Say why the promise was broken.")
		wantAll(t, body, `id="promises-title"`, `class="error row-error"`, `<details open><summary>Broken</summary>`,
			`<input type="hidden" name="back" value="/promises">`)
	})
	t.Run("RejectWithoutNote", func(t *testing.T) {
		g := &resonanz.GoodwillGrant{ConversationID: conv, Kind: resonanz.GoodwillVoucher, Amount: 3000, Reason: "Lieferverzug"}
		if err := db.GrantGoodwill(context.Background(), g, tom); err != nil {
			t.Fatal(err)
		}
		status, body := lead.post(fmt.Sprint("/goodwill/", g.ID, "/decide"), "decision", "reject", "note", "", "back", "/goodwill")
		wantPage(t, status, body, http.StatusBadRequest, "Say why the request is rejected.")
		wantAll(t, body, `id="pending-list"`, `class="error row-error"`)
		status, body = lead.post(fmt.Sprint("/goodwill/", g.ID, "/decide"), "decision", "maybe", "note", "erst morgen", "back", path)
		wantPage(t, status, body, http.StatusBadRequest, "Approve or reject the request.")
		wantAll(t, body, `id="timeline"`, `value="erst morgen"`, `<input type="hidden" name="back" value="`+path+`">`)
	})
}
