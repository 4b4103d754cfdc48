package meta

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

const (
	testPageID      = "104857600123456"
	testIGID        = "17841400000000001"
	testAppSecret   = "app-secret-for-tests"
	testPageToken   = "EAAG-page-token-for-tests"
	testVerifyToken = "verify-me"
	testAccountID   = 7
)

// testNow is the adapter's clock in tests, a day after the payloads' times.
var testNow = time.Date(2024, 5, 2, 12, 0, 0, 0, time.UTC)

// newTestChannel opens a Meta account against graphURL the way the registry does.
func newTestChannel(t testing.TB, graphURL string, client *http.Client) *Channel {
	t.Helper()
	a := &resonanz.ChannelAccount{ID: testAccountID, Kind: "meta", Name: "Kaffeerösterei",
		Settings: map[string]string{"page_id": testPageID, "graph_url": graphURL}}
	secrets := map[string]string{"verify_token": testVerifyToken, "app_secret": testAppSecret, "page_token": testPageToken}
	ch, err := Adapter.New(a, secrets, client)
	if err != nil {
		t.Fatal(err)
	}
	c := ch.(*Channel)
	c.now = func() time.Time { return testNow }
	return c
}

// sign returns the X-Hub-Signature-256 Meta sends with body.
func sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// graphRequest is one request the fake Graph API received.
type graphRequest struct {
	Method, Path string
	Query        url.Values
	Form         url.Values     // a form body
	JSON         map[string]any // a JSON body
	Auth         string
}

// fakeGraph is the part of the Graph API the adapter uses, answering as
// Meta documents it: comments and replies kept per comment, messages sent,
// errors in Graph's shape.
type fakeGraph struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	requests []graphRequest
	replies  map[string][]map[string]any // comment id → replies, oldest first
	nextID   int
	// fail, if set, answers a request instead of the fake (nil: go on).
	fail func(w http.ResponseWriter, r *http.Request) bool
	// loseAnswer makes the next post happen but its answer get lost.
	loseAnswer bool
	// me is who the page token belongs to.
	me map[string]string
}

func newFakeGraph(t *testing.T) *fakeGraph {
	g := &fakeGraph{t: t, replies: map[string][]map[string]any{}, nextID: 500,
		me: map[string]string{"id": testPageID, "name": "Kaffeerösterei Süd"}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v21.0/me", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, g.me) })
	mux.HandleFunc("GET /v21.0/{id}", g.node)
	mux.HandleFunc("POST /v21.0/{id}/comments", g.postReply("message", "created_time"))
	mux.HandleFunc("POST /v21.0/{id}/replies", g.postReply("text", "timestamp"))
	mux.HandleFunc("GET /v21.0/{id}/comments", g.listReplies)
	mux.HandleFunc("GET /v21.0/{id}/replies", g.listReplies)
	mux.HandleFunc("POST /v21.0/{id}/messages", g.postMessage)
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.record(r)
		if g.fail != nil && g.fail(w, r) {
			return
		}
		if !g.authorized(r) {
			graphErrorAnswer(w, 400, `{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"Axyz"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(g.srv.Close)
	return g
}

// URL is the graph_url setting that reaches the fake.
func (g *fakeGraph) URL() string { return g.srv.URL + "/v21.0" }

func (g *fakeGraph) record(r *http.Request) {
	req := graphRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Auth: r.Header.Get("Authorization")}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	switch r.Header.Get("Content-Type") {
	case "application/x-www-form-urlencoded":
		req.Form, _ = url.ParseQuery(string(body))
	case "application/json":
		if err := json.Unmarshal(body, &req.JSON); err != nil {
			g.t.Errorf("fake graph: %s %s: body is not JSON: %v", r.Method, r.URL.Path, err)
		}
	}
	g.mu.Lock()
	g.requests = append(g.requests, req)
	g.mu.Unlock()
}

// authorized checks the page token and the appsecret_proof that goes with it.
func (g *fakeGraph) authorized(r *http.Request) bool {
	mac := hmac.New(sha256.New, []byte(testAppSecret))
	mac.Write([]byte(testPageToken))
	return r.Header.Get("Authorization") == "Bearer "+testPageToken &&
		r.URL.Query().Get("appsecret_proof") == hex.EncodeToString(mac.Sum(nil))
}

// posts returns the POST requests the fake received.
func (g *fakeGraph) posts() []graphRequest {
	g.mu.Lock()
	defer g.mu.Unlock()
	var list []graphRequest
	for _, r := range g.requests {
		if r.Method == http.MethodPost {
			list = append(list, r)
		}
	}
	return list
}

func (g *fakeGraph) node(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("id") != testPageID {
		graphErrorAnswer(w, 400, `{"message":"Unsupported get request.","type":"GraphMethodException","code":100,"error_subcode":33}`)
		return
	}
	writeJSON(w, 200, map[string]any{"id": testPageID, "instagram_business_account": map[string]string{"id": testIGID}})
}

// addReply stores a reply as if it had been posted at when.
func (g *fakeGraph) addReply(commentID, authorID, field, text, timeField string, when time.Time) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.nextID++
	id := fmt.Sprintf("%d", g.nextID)
	if field == "message" { // Facebook comment ids carry the post
		id = "1000_" + id
	}
	g.replies[commentID] = append(g.replies[commentID], map[string]any{
		"id": id, field: text, "from": map[string]string{"id": authorID}, timeField: when.UTC().Format("2006-01-02T15:04:05-0700")})
	return id
}

func (g *fakeGraph) postReply(field, timeField string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		author := testPageID
		if field == "text" {
			author = testIGID
		}
		id := g.addReply(r.PathValue("id"), author, field, r.PostFormValue("message"), timeField, time.Now())
		if g.lose() {
			graphErrorAnswer(w, 502, `{"message":"Please retry your request later.","type":"FacebookApiException","code":2,"is_transient":true}`)
			return
		}
		writeJSON(w, 200, map[string]string{"id": id})
	}
}

func (g *fakeGraph) lose() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	lost := g.loseAnswer
	g.loseAnswer = false
	return lost
}

// listReplies answers newest first on Facebook when asked, oldest first
// otherwise, one reply per page so that paging is exercised.
func (g *fakeGraph) listReplies(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	list := append([]map[string]any(nil), g.replies[r.PathValue("id")]...)
	g.mu.Unlock()
	if r.URL.Query().Get("order") == "reverse_chronological" {
		for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
			list[i], list[j] = list[j], list[i]
		}
	}
	start := 0
	fmt.Sscan(r.URL.Query().Get("after"), &start)
	page := map[string]any{"data": []map[string]any{}}
	if start < len(list) {
		page["data"] = list[start : start+1]
		if start+1 < len(list) {
			page["paging"] = map[string]any{"cursors": map[string]string{"after": fmt.Sprint(start + 1)}, "next": g.URL() + r.URL.Path + "?after=" + fmt.Sprint(start+1)}
		}
	}
	writeJSON(w, 200, page)
}

func (g *fakeGraph) postMessage(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	g.nextID++
	id := fmt.Sprintf("m_Xy%d", g.nextID)
	g.mu.Unlock()
	writeJSON(w, 200, map[string]string{"recipient_id": "6940311122233344", "message_id": id})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// graphErrorAnswer writes an error the way the Graph API does.
func graphErrorAnswer(w http.ResponseWriter, status int, errorObject string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":%s}`, errorObject)
}
