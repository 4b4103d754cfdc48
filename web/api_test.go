package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/attachment"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/linksign"
	"github.com/resonanz/resonanz/report"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/web"
)

// newTestServer runs the web server over HTTP on a real database and returns
// its URL, the database and an API token; options change the server first.
func newTestServer(t *testing.T, options ...func(*web.Server)) (string, *store.DB, string) {
	t.Helper()
	db := storetest.Open(t)
	token, err := db.CreateAPIToken(context.Background(), "test")
	if err != nil {
		t.Fatal(err)
	}
	return newNode(t, db, events.NewBus(), options...), db, token
}

// newNode runs a web server on db that passes live events through live,
// as one node of several, and returns its URL.
func newNode(t *testing.T, db *store.DB, live resonanz.EventService, options ...func(*web.Server)) string {
	t.Helper()
	zone, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	services := web.Services{Messages: db, Conversations: db, Users: db, Search: db, Alerts: db, Promises: db, Goodwill: db, Events: live,
		Rules: db, SLA: db, Notifications: db, Reports: db, RouteStore: db, Topics: db, BuiltinTopics: []*resonanz.Topic{{Name: "delivery", Builtin: true}},
		ReloadTopics:    func(context.Context) ([]string, error) { return []string{"delivery"}, nil },
		ChannelAccounts: db, Outbox: db, Channels: testChannels(db), Contacts: db, Privacy: db, Help: db, Canned: db, Signatures: db, UserAdmin: db,
		Attachments: db, Models: db, Files: &attachment.Keeper{Dir: t.TempDir(), MaxFile: attachment.DefaultMaxFile, MaxMessage: attachment.DefaultMaxMessage},
		EventWebhooks: db, Operations: db, Praise: db, Suggestions: db, Dashboards: &report.Reporter{Facts: db, SLA: db, Location: zone},
		Consent: db, Surveys: db, Links: testLinks(t)}
	s := web.NewServer(services, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.SetTopics([]string{"delivery"})
	for _, option := range options {
		option(s)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	services.Links.SetBase(srv.URL)
	db.Links = services.Links
	return srv.URL
}

// post sends body to the messages API and decodes the JSON answer.
func post(t *testing.T, url, token string, body []byte) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", url+"/api/v1/messages", bytes.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("answer is not JSON (status %d): %v", resp.StatusCode, err)
	}
	return resp.StatusCode, out
}

const goodMessage = `{"channel":"mastodon","external_id":"109","author":{"handle":"@anna@example.social","display_name":"Anna"},
	"text":"Mein Paket ist seit einer Woche unterwegs","time":"2026-11-20T10:00:00Z","visibility":"public"}`

func conversationCount(t *testing.T, db *store.DB) int {
	t.Helper()
	page, err := db.FindConversations(context.Background(), resonanz.ConversationFilter{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Conversations)
}

func TestPostMessage(t *testing.T) {
	url, db, token := newTestServer(t)
	status, first := post(t, url, token, []byte(goodMessage))
	if status != http.StatusCreated || first["duplicate"] != false {
		t.Fatalf("first delivery: %d %v", status, first)
	}
	t.Run("RedeliveryIsIdempotent", func(t *testing.T) {
		status, again := post(t, url, token, []byte(goodMessage))
		if status != http.StatusOK || again["duplicate"] != true || again["message_id"] != first["message_id"] {
			t.Fatalf("re-delivery: %d %v (first %v)", status, again, first)
		}
		if n := conversationCount(t, db); n != 1 {
			t.Fatalf("%d conversations, want 1", n)
		}
	})
	t.Run("ReplyJoinsConversation", func(t *testing.T) {
		reply := strings.Replace(strings.Replace(goodMessage, `"109"`, `"110"`, 1), `"visibility"`, `"reply_to":"109","visibility"`, 1)
		reply = strings.Replace(reply, "@anna@example.social", "@other@example.social", 1)
		status, res := post(t, url, token, []byte(reply))
		if status != http.StatusCreated || res["conversation_id"] != first["conversation_id"] {
			t.Fatalf("reply: %d %v, want conversation %v", status, res, first["conversation_id"])
		}
	})
}

func TestPostMessageErrors(t *testing.T) {
	url, db, token := newTestServer(t)
	withField := func(field, value string) []byte {
		var m map[string]any
		json.Unmarshal([]byte(goodMessage), &m)
		if value == "" {
			delete(m, field)
		} else {
			m[field] = json.RawMessage(value)
		}
		b, _ := json.Marshal(m)
		return b
	}
	for _, tc := range []struct {
		name   string
		body   []byte
		status int
		field  string
	}{
		{"MalformedJSON", []byte(`{"channel": "mastodon",`), 400, "body"},
		{"NotAnObject", []byte(`"hello"`), 400, "body"},
		{"MissingText", withField("text", ""), 400, "text"},
		{"MissingAuthor", withField("author", ""), 400, "author.handle"},
		{"UnknownChannel", withField("channel", `"telegraph"`), 400, "channel"},
		{"TextTooLong", withField("text", `"`+strings.Repeat("a", resonanz.MaxTextLen+1)+`"`), 400, "text"},
		{"InvalidUTF8", bytes.Replace([]byte(goodMessage), []byte("Paket"), []byte("Pa\xffket"), 1), 400, "text"},
		{"InvalidUTF8Nested", bytes.Replace([]byte(goodMessage), []byte("Anna"), []byte("An\xc3na"), 1), 400, "author.display_name"},
		{"BadTime", withField("time", `"yesterday"`), 400, "time"},
		{"TimeNotString", withField("time", `12`), 400, "time"},
		{"BadVisibility", withField("visibility", `"secret"`), 400, "visibility"},
		{"UnknownField", withField("txt", `"typo"`), 400, "txt"},
		{"OversizedBody", append([]byte(`[`+goodMessage+`,"`), append(bytes.Repeat([]byte("x"), 17<<20), `"]`...)...), 413, "body"},
		{"EmptyBatch", []byte(`[]`), 400, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := post(t, url, token, tc.body)
			e, _ := out["error"].(map[string]any)
			if status != tc.status || e["field"] != tc.field || e["message"] == "" {
				t.Fatalf("got %d %v, want %d naming field %q", status, out, tc.status, tc.field)
			}
		})
	}
	if n := conversationCount(t, db); n != 0 {
		t.Fatalf("bad requests left %d conversations behind", n)
	}
}

func TestPostBatch(t *testing.T) {
	url, db, token := newTestServer(t)
	good2 := strings.Replace(strings.Replace(goodMessage, `"109"`, `"200"`, 1), "@anna", "@bert", 1)
	bad := strings.Replace(goodMessage, `"mastodon"`, `"fax"`, 1)
	status, out := post(t, url, token, []byte("["+goodMessage+","+bad+","+good2+","+goodMessage+"]"))
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, out)
	}
	results := out["results"].([]any)
	var got []string
	for _, r := range results {
		got = append(got, r.(map[string]any)["status"].(string))
	}
	if strings.Join(got, ",") != "created,rejected,created,duplicate" {
		t.Fatalf("per-item statuses %v", got)
	}
	if e := results[1].(map[string]any)["error"].(map[string]any); e["field"] != "channel" {
		t.Fatalf("rejected item's error %v, want field channel", e)
	}
	if out["created"] != 2.0 || out["rejected"] != 1.0 || out["duplicates"] != 1.0 {
		t.Fatalf("counts %v", out)
	}
	if n := conversationCount(t, db); n != 2 {
		t.Fatalf("%d conversations stored, want 2", n)
	}
}

func TestPostMessageAuth(t *testing.T) {
	url, db, _ := newTestServer(t)
	for _, tc := range []struct{ name, token string }{{"NoToken", ""}, {"WrongToken", "rz_not-a-token"}} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := post(t, url, tc.token, []byte(goodMessage))
			if e, _ := out["error"].(map[string]any); status != http.StatusUnauthorized || e["code"] != resonanz.EUNAUTHORIZED {
				t.Fatalf("got %d %v, want 401", status, out)
			}
		})
	}
	if n := conversationCount(t, db); n != 0 {
		t.Fatalf("unauthorized requests stored %d conversations", n)
	}
}

// testLinks signs the links of the customers' pages with a fixed key.
func testLinks(t *testing.T) *linksign.Signer {
	t.Helper()
	l, err := linksign.New("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	if err != nil {
		t.Fatal(err)
	}
	return l
}
