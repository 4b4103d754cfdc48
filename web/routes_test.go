package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/web"
)

// The access matrix says, for every route, what each kind of caller gets.
// A cell is one letter per caller, in the order of matrixCallers:
//
//	L  sent to the login page (303 to /login)
//	U  401: no valid API token
//	F  403: forbidden for this role or scope
//	H  404 from a route about one case (a conversation, its messages and
//	   promises): the conversation is hidden from this caller
//	O  served: anything else below 500 (a form problem, a redirect, a page,
//	   or 404 for a rule or topic an earlier cell deleted)
//
// No cell may answer 500. A route without a row, or a row without a route,
// fails the test: a new route needs its row.
var matrixCallers = []string{"anonymous", "agent of another team", "agent", "lead", "admin", "token ingest", "token read", "token write"}

var accessMatrix = map[string]string{
	"GET /static/":                   "OOOOOOOO",
	"GET /healthz":                   "OOOOOOOO",
	"GET /lang":                      "OOOOOOOO",
	"GET /login":                     "OOOOOOOO",
	"POST /login":                    "FFFFFFFF", // without the login form's own token nobody gets in
	"POST /api/v1/messages":          "UUUUUOFF", // sessions do not count
	"GET /api/v1/openapi.json":       "OOOOOOOO", // the description holds no data
	"GET /metrics":                   "OOOOOOOO", // open on loopback, where the tests run; see TestMetricsNeedATokenFromElsewhere
	"POST /logout":                   "LLLLLLLL", // logging out ends on the login page, with a session or without
	"GET /{$}":                       "LOOOOLLL",
	"GET /search":                    "LOOOOLLL",
	"GET /alerts":                    "LOOOOLLL",
	"GET /alerts/{id}":               "LOOOOLLL",
	"POST /alerts/{id}/status":       "LOOOOLLL",
	"POST /alerts/{id}/statement":    "LOOOOLLL",
	"POST /alerts/{id}/bulk/preview": "LOOOOLLL",
	"POST /alerts/{id}/bulk/send":    "LOOOOLLL",
	"POST /alerts/{id}/room":         "LOOOOLLL",
	"GET /events":                    "LOOOOLLL",
	"GET /notifications":             "LOOOOLLL",
	"POST /notifications/read":       "LOOOOLLL",
	"GET /notifications/link":        "LOOOOLLL",
	"POST /me/away":                  "LOOOOLLL",
	"GET /promises":                  "LOOOOLLL",
	"GET /alerts/banner":             "LOOOOLLL",
	"GET /praise":                    "LOOOOLLL", // each sees the walls of their own teams
	"GET /praise/{id}":               "LFOOOLLL", // the Versand wall: not for an agent of another team
	"GET /suggestions":               "LOOOOLLL",
	"POST /alerts/dismiss":           "LOOOOLLL",

	"GET /conversations/{id}":                      "LHOOOLLL",
	"POST /conversations/{id}/reply":               "LHOOOLLL",
	"POST /conversations/{id}/note":                "LHOOOLLL",
	"POST /conversations/{id}/update":              "LHOOOLLL",
	"POST /conversations/{id}/consent":             "LHOOOLLL",
	"POST /conversations/{id}/handover":            "LHOOOLLL",
	"POST /conversations/{id}/vip":                 "LHOOOLLL",
	"POST /conversations/{id}/promises":            "LHOOOLLL",
	"POST /conversations/{id}/goodwill":            "LHOOOLLL",
	"POST /messages/{id}/label":                    "LHOOOLLL",
	"POST /messages/{id}/labels/confirm":           "LHOOOLLL",
	"POST /messages/{id}/praise":                   "LHOOOLLL",
	"POST /promises/{id}/keep":                     "LHOOOLLL",
	"POST /promises/{id}/break":                    "LHOOOLLL",
	"POST /promises/{id}/handover":                 "LHOOOLLL",
	"POST /goodwill/{id}/decide":                   "LFFOOLLL", // agents never approve
	"POST /conversations/{id}/outbox/{item}/retry": "LHOOOLLL",
	"GET /attachments/{id}":                        "LHOOOLLL", // a file is hidden with its conversation
	"GET /contacts/{id}":                           "LHOOOLLL", // a person is hidden with all their conversations
	"POST /contacts/{id}/link":                     "LHOOOLLL",
	"POST /contacts/{id}/unlink":                   "LHOOOLLL",
	"GET /articles":                                "LOOOOLLL", // staff read every article, drafts too
	"GET /articles/{id}":                           "LOOOOLLL",
	"POST /articles":                               "LFFOOLLL", // leads and admins write
	"POST /articles/{id}":                          "LFFOOLLL",
	"POST /alerts/{id}/article":                    "LFFOOLLL",
	"POST /contacts/{id}/export":                   "LFFOOLLL", // a person's whole record: leads and admins
	"POST /contacts/{id}/erase":                    "LFFFOLLL", // admins only, and only with the box ticked

	"GET /goodwill":                           "LFFOOLLL",
	"GET /goodwill/policies":                  "LFFOOLLL",
	"POST /goodwill/policies":                 "LFFOOLLL",
	"GET /settings/rules":                     "LFFOOLLL",
	"POST /settings/rules":                    "LFFOOLLL",
	"POST /settings/rules/test":               "LFFOOLLL",
	"POST /settings/rules/{id}/move":          "LFFOOLLL",
	"POST /settings/rules/{id}/delete":        "LFFOOLLL",
	"GET /settings/sla":                       "LFFOOLLL",
	"POST /settings/sla/policies":             "LFFOOLLL",
	"POST /settings/sla/policies/{id}/delete": "LFFOOLLL",
	"POST /settings/sla/calendars":            "LFFOOLLL",
	"GET /settings/teams":                     "LFFOOLLL",
	"POST /settings/teams":                    "LFFOOLLL",
	"POST /settings/agents/{id}":              "LFFOOLLL",
	"GET /reports/sla":                        "LFFOOLLL",
	"GET /reports":                            "LFFOOLLL",
	"GET /reports/teams":                      "LFFOOLLL",
	"GET /reports/csv/{table}":                "LFFOOLLL",
	"GET /reports/agents/{id}":                "LFOOOLLL", // an agent sees their own figures only
	"GET /reports/agents/{id}/csv":            "LFOOOLLL",
	"GET /settings/topics":                    "LFFOOLLL",
	"POST /settings/topics":                   "LFFOOLLL",
	"POST /settings/topics/{name}/delete":     "LFFOOLLL",
	"POST /settings/topics/{name}/learn":      "LFFOOLLL",
	"GET /settings/analysis":                  "LFFOOLLL",
	"POST /settings/analysis/reset":           "LFFOOLLL",
	"POST /suggestions/{id}/status":           "LFFOOLLL", // only leads decide on suggestions
	"POST /suggestions/{id}/merge":            "LFFOOLLL",
	"POST /suggestions/{id}/notice":           "LFFOOLLL",

	"GET /settings/tokens":              "LFFFOLLL",
	"POST /settings/tokens":             "LFFFOLLL",
	"POST /settings/tokens/{id}/revoke": "LFFFOLLL",

	"GET /settings/channels":              "LFFFOLLL", // accounts speak for the company: admins only
	"POST /settings/channels":             "LFFFOLLL",
	"POST /settings/channels/{id}/test":   "LFFFOLLL",
	"POST /settings/channels/{id}/pause":  "LFFFOLLL",
	"POST /settings/channels/{id}/delete": "LFFFOLLL",
	"GET /settings/canned":                "LFFOOLLL",
	"POST /settings/canned":               "LFFFOLLL", // a reply for every team is an admin's; a lead writes their teams' (TestCannedReplies)
	"POST /settings/canned/{id}/delete":   "LFFOOLLL",
	"POST /settings/canned/help":          "LFFOOLLL",
	"GET /conversations/{id}/presence":    "LHOOOLLL",
	"POST /conversations/{id}/canned":     "LHOOOLLL",
	"POST /conversations/{id}/presence":   "LHOOOLLL",
	"POST /conversations/bulk":            "LOOOOLLL", // each chosen conversation is checked on its own
	"GET /settings/users":                 "LFFFOLLL",
	"POST /settings/users":                "LFFFOLLL",
	"POST /settings/users/{id}":           "LFFFOLLL",
	"POST /settings/users/{id}/password":  "LFFFOLLL",
	"GET /me/password":                    "LOOOOLLL",
	"POST /me/password":                   "LOOOOLLL",
	"GET /signatures":                     "LOOOOLLL",
	"GET /me":                             "LOOOOLLL",
	"POST /me/zone":                       "LOOOOLLL",
	"POST /signatures/mine":               "LOOOOLLL",
	"POST /signatures/teams/{id}":         "LFFOOLLL",
	"GET /hooks/{id}":                     "OOOOOOOO", // platforms push here: the signature counts, not a login
	"POST /hooks/{id}":                    "OOOOOOOO",

	// The API: tokens see every conversation (docs/api.md), so none is hidden from them.
	"GET /api/v1/conversations":                "UUUUUFOF",
	"GET /api/v1/conversations/{id}":           "UUUUUFOF",
	"GET /api/v1/conversations/{id}/messages":  "UUUUUFOF",
	"GET /api/v1/contacts":                     "UUUUUFOF",
	"GET /api/v1/contacts/{id}":                "UUUUUFOF",
	"POST /api/v1/conversations/{id}/reply":    "UUUUUFFO",
	"POST /api/v1/conversations/{id}/assign":   "UUUUUFFO",
	"POST /api/v1/conversations/{id}/status":   "UUUUUFFO",
	"POST /api/v1/conversations/{id}/notes":    "UUUUUFFO",
	"POST /api/v1/conversations/{id}/promises": "UUUUUFFO",
	"GET /api/v1/webhooks":                     "UUUUUFFF", // only a token with the webhooks scope
	"POST /api/v1/webhooks":                    "UUUUUFFF",
	"DELETE /api/v1/webhooks/{id}":             "UUUUUFFF",
	"GET /api/v1/webhooks/{id}/deliveries":     "UUUUUFFF",
	"POST /api/v1/deliveries/{id}/replay":      "UUUUUFFF",

	"GET /settings/webhooks":                         "LFFFOLLL",
	"POST /settings/webhooks":                        "LFFFOLLL",
	"POST /settings/webhooks/{id}/delete":            "LFFFOLLL",
	"POST /settings/webhooks/deliveries/{id}/replay": "LFFFOLLL",

	"POST /conversations/{id}/sensitive":         "LHOOOLLL",
	"GET /settings/surveys":                      "LFFOOLLL",
	"POST /settings/surveys":                     "LFFOOLLL",
	"POST /settings/surveys/choices":             "LFFOOLLL",
	"POST /settings/surveys/choices/{id}/delete": "LFFOOLLL",

	// A customer's own pages: the signed link in the path, not a login, opens them.
	"GET /wishes/{token}":  "OOOOOOOO",
	"POST /wishes/{token}": "OOOOOOOO",
	"GET /survey/{token}":  "OOOOOOOO",
	"POST /survey/{token}": "OOOOOOOO",

	// The public web forms: anyone may write to the company, without an account.
	"GET /forms/{slug}":              "OOOOOOOO",
	"POST /forms/{slug}":             "OOOOOOOO",
	"GET /forms/{slug}/thanks":       "OOOOOOOO",
	"GET /forms/{slug}/kiosk":        "OOOOOOOO",
	"POST /forms/{slug}/kiosk":       "OOOOOOOO",
	"GET /forms/{slug}/kiosk/thanks": "OOOOOOOO",

	// The help center: anyone reads it and says whether an article helped.
	"GET /help":            "OOOOOOOO",
	"GET /help/{id}":       "OOOOOOOO",
	"POST /help/{id}/vote": "OOOOOOOO",
}

// matrixForms are the forms sent to routes whose answer depends on them;
// every other route gets an empty form (and the session's CSRF token).
var matrixForms = map[string]url.Values{
	"POST /goodwill/{id}/decide": {"decision": {"reject"}, "note": {"zu hoch"}},
	"POST /contacts/{id}/unlink": {"channel": {"mastodon"}, "handle": {"@kim@example.social"}}, // the only handle: refused
	"POST /contacts/{id}/link":   {"other": {"self"}},                                          // filled in with the contact itself: refused
	"POST /settings/channels":    {"kind": {"mastodon"}, "name": {"x"}},                        // no server: refused
}

// caseRoutes start the paths of routes about one case.
var caseRoutes = []string{"/conversations/", "/messages/", "/promises/", "/contacts/", "/attachments/"}

// matrixCaller is how one kind of caller authenticates: a session or a token.
type matrixCaller struct {
	user  *resonanz.User
	token string
}

// matrixWorld is a database with one of everything the routes name by id.
type matrixWorld struct {
	callers []matrixCaller
	ids     map[string]string // path parameter values by the route's first path segment
}

func newMatrixWorld(t *testing.T, db *store.DB, files resonanz.AttachmentKeeper) *matrixWorld {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	kai := addUser(t, db, "kai", resonanz.RoleAgent)
	ann := addUser(t, db, "ann", resonanz.RoleAgent)
	lea := addUser(t, db, "lea", resonanz.RoleLead)
	ada := addUser(t, db, "ada", resonanz.RoleAdmin)
	uwe := addUser(t, db, "uwe", resonanz.RoleAgent) // the admins' user routes change him
	versand, err := db.CreateTeam(ctx, "Versand")
	must(err)
	kasse, err := db.CreateTeam(ctx, "Kasse")
	must(err)
	versand.Members, kasse.Members = []int64{ann.ID}, []int64{kai.ID}
	must(db.SaveTeam(ctx, versand))
	must(db.SaveTeam(ctx, kasse))

	m1 := resonanz.IncomingMessage{Channel: "mastodon", ExternalID: "m1", Author: resonanz.Author{Handle: "@kim@example.social"},
		Text: "Mein Paket ist weg #AppDesaster", Visibility: resonanz.Public, Time: time.Now().Add(-time.Hour),
		Attachments: []*resonanz.Attachment{{Name: "foto.jpg", Type: "image/jpeg", Data: []byte("jpeg")}}}
	must(files.Keep(&m1))
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{m1})
	must(err)
	conv := res[0].ConversationID
	must(db.UpdateConversation(ctx, conv, lea, resonanz.ConversationUpdate{TeamID: &versand.ID}))
	p := &resonanz.Promise{ConversationID: conv, Text: "Rückruf", DueAt: time.Now().Add(24 * time.Hour), OwnerID: ann.ID}
	must(db.AddPromise(ctx, p, ann))
	g := &resonanz.GoodwillGrant{ConversationID: conv, Kind: resonanz.GoodwillVoucher, Amount: 5000, Reason: "Verspätung"}
	must(db.GrantGoodwill(ctx, g, ann))
	a := &resonanz.Alert{Key: "app", Severity: 3, Count: 40, Window: time.Hour, Expected: 4, Ratio: 10, Channels: 1, Authors: 40,
		FirstSeen: time.Now().Add(-time.Hour), LastSeen: time.Now()}
	must(db.SaveAlert(ctx, a))
	must(db.LinkAlertMessages(ctx, a.ID, []int64{res[0].MessageID}))
	rule := &resonanz.Rule{Name: "VIP", Enabled: true, Actions: resonanz.RuleActions{Priority: resonanz.PriorityHigh}}
	must(db.SaveRule(ctx, rule))
	policy := &resonanz.SLAPolicy{Name: "Standard", FirstResponse: time.Hour}
	must(db.SaveSLAPolicy(ctx, policy))
	must(db.SaveTopic(ctx, &resonanz.Topic{Name: "click_collect", SeedTerms: []string{"Abholung"}}))
	account := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Demo", Settings: map[string]string{"server": "https://social.example"}, Demo: true}
	must(db.CreateChannelAccount(ctx, account))
	must(db.CreateChannelAccount(ctx, &resonanz.ChannelAccount{Kind: "form", Name: "Kontakt", Settings: map[string]string{"slug": "kontakt", "store": "Mitte"}}))
	kim, err := db.FindConversationByID(ctx, conv)
	must(err)
	article := &resonanz.Article{Language: "de", Category: "Versand", Title: "Rücksendung", Body: "So geht es.", Published: true}
	must(db.SaveArticle(ctx, article, lea))
	_, err = db.CreateAPIToken(ctx, "to revoke")
	must(err)
	tokens, err := db.FindAPITokens(ctx)
	must(err)
	var revocableID int64
	for _, tok := range tokens {
		if tok.Name == "to revoke" {
			revocableID = tok.ID
		}
	}

	w := &matrixWorld{callers: []matrixCaller{{}, {user: kai}, {user: ann}, {user: lea}, {user: ada}}, ids: map[string]string{
		"conversations": fmt.Sprint(conv), "messages": fmt.Sprint(res[0].MessageID), "promises": fmt.Sprint(p.ID),
		"goodwill": fmt.Sprint(g.ID), "alerts": fmt.Sprint(a.ID), "rules": fmt.Sprint(rule.ID), "policies": fmt.Sprint(policy.ID),
		"agents": fmt.Sprint(ann.ID), "topics": "click_collect", "tokens": fmt.Sprint(revocableID),
		"users": fmt.Sprint(uwe.ID), "teams": fmt.Sprint(versand.ID), "canned": "1",
		"channels": fmt.Sprint(account.ID), "hooks": fmt.Sprint(account.ID), "forms": "kontakt", "outbox": "1", "help": fmt.Sprint(article.ID), "articles": fmt.Sprint(article.ID), "contacts": fmt.Sprint(kim.ContactID),
		"attachments": "1", "webhooks": "1", "deliveries": "1", "praise": fmt.Sprint(versand.ID), "suggestions": "1", "csv": "figures",
		"wishes": "1-de-zz-00000000000000000000000000000000", "survey": "1-de-zz-00000000000000000000000000000000", "choices": "1",
	}}
	for _, scope := range []string{resonanz.ScopeIngest, resonanz.ScopeRead, resonanz.ScopeWrite} {
		secret, err := db.IssueAPIToken(ctx, &resonanz.APIToken{Name: scope, Scopes: []string{scope}})
		must(err)
		w.callers = append(w.callers, matrixCaller{token: secret})
	}
	return w
}

// path fills the pattern's parameters with the ids of the world.
func (w *matrixWorld) path(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.TrimSuffix(path, "{$}")
	if path == "/static/" {
		return method, "/static/style.css"
	}
	segments := strings.Split(path, "/")
	for i, s := range segments {
		if strings.HasPrefix(s, "{") {
			segments[i] = w.ids[segments[i-1]]
		}
	}
	return method, strings.Join(segments, "/")
}

func TestAccessMatrix(t *testing.T) {
	var srv *web.Server
	base, db, _ := newTestServer(t, func(s *web.Server) { srv = s })
	w := newMatrixWorld(t, db, srv.Files.(resonanz.AttachmentKeeper))
	routes := srv.Routes()
	seen := map[string]bool{}
	for _, pattern := range routes {
		seen[pattern] = true
		if _, ok := accessMatrix[pattern]; !ok {
			t.Errorf("route %q has no row in the access matrix: say who may use it", pattern)
		}
	}
	for pattern := range accessMatrix {
		if !seen[pattern] {
			t.Errorf("the access matrix has a row for %q, which is no route", pattern)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, pattern := range routes {
		want, ok := accessMatrix[pattern]
		if !ok || len(want) != len(matrixCallers) {
			t.Errorf("the row of %q does not have one letter for each of %d callers", pattern, len(matrixCallers))
			continue
		}
		for i, caller := range w.callers {
			if got := w.answer(t, client, db, base, pattern, caller); got != want[i] {
				t.Errorf("%s as %s: got %c, want %c", pattern, matrixCallers[i], got, want[i])
			}
		}
	}
}

// answer sends one request as the caller and classifies the answer.
func (w *matrixWorld) answer(t *testing.T, client *http.Client, db *store.DB, base, pattern string, caller matrixCaller) byte {
	t.Helper()
	method, path := w.path(pattern)
	form := url.Values{}
	for k, v := range matrixForms[pattern] {
		if v[0] == "self" {
			v = []string{w.ids["contacts"]}
		}
		form[k] = v
	}
	var session string
	if caller.user != nil {
		// A fresh session per request: one cell logs out.
		token, csrf, err := db.CreateSession(context.Background(), caller.user.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		session = token
		form.Set("csrf", csrf)
	}
	req, _ := http.NewRequest(method, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "resonanz_session", Value: session})
	}
	if caller.token != "" {
		req.Header.Set("Authorization", "Bearer "+caller.token)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close() // the live event stream would never end
	switch {
	case resp.StatusCode >= 500:
		t.Errorf("%s %s answered %d", method, path, resp.StatusCode)
		return '5'
	case resp.StatusCode == http.StatusSeeOther && resp.Header.Get("Location") == "/login":
		return 'L'
	case resp.StatusCode == http.StatusUnauthorized:
		return 'U'
	case resp.StatusCode == http.StatusForbidden:
		return 'F'
	case resp.StatusCode == http.StatusNotFound && slices.ContainsFunc(caseRoutes, func(p string) bool { return strings.HasPrefix(path, p) }):
		return 'H'
	}
	return 'O'
}
