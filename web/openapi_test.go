package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/eventhook"
	"github.com/resonanz/resonanz/web"
)

// openAPIDoc is the subset of OpenAPI 3.1 the contract test reads.
type openAPIDoc struct {
	Paths      map[string]map[string]openAPIOperation `json:"paths"`
	Components struct {
		Schemas map[string]map[string]any `json:"schemas"`
	} `json:"components"`
}

type openAPIOperation struct {
	Security  []map[string][]string `json:"security"`
	Responses map[string]struct {
		Content map[string]struct {
			Schema map[string]any `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

// checkSchema reports where value departs from schema, for the subset of
// JSON Schema the document uses: $ref, type (one or a list), enum,
// required, properties, items and oneOf.
func checkSchema(doc *openAPIDoc, schema map[string]any, value any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		return checkSchema(doc, doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")], value, at)
	}
	if options, ok := schema["oneOf"].([]any); ok {
		for _, o := range options {
			if len(checkSchema(doc, o.(map[string]any), value, at)) == 0 {
				return nil
			}
		}
		return []string{at + ": matches none of oneOf"}
	}
	if t, ok := schema["type"]; ok {
		types := []string{}
		switch t := t.(type) {
		case string:
			types = append(types, t)
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.Contains(types, jsonType(value)) {
			return []string{fmt.Sprintf("%s: %s, want %v", at, jsonType(value), types)}
		}
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, value) {
		return []string{fmt.Sprintf("%s: %v is not one of %v", at, value, enum)}
	}
	var problems []string
	switch v := value.(type) {
	case map[string]any:
		required, _ := schema["required"].([]any)
		for _, name := range required {
			if _, ok := v[name.(string)]; !ok {
				problems = append(problems, at+": lacks "+name.(string))
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for name, sub := range props {
			if pv, ok := v[name]; ok {
				problems = append(problems, checkSchema(doc, sub.(map[string]any), pv, at+"."+name)...)
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, item := range v {
				problems = append(problems, checkSchema(doc, items, item, at+"["+strconv.Itoa(i)+"]")...)
			}
		}
	}
	return problems
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}

// TestCheckSchemaFails makes sure the checker can fail at all.
func TestCheckSchemaFails(t *testing.T) {
	doc := readOpenAPI(t)
	bad := map[string]any{"id": "7", "status": "lost"}
	if got := checkSchema(doc, map[string]any{"$ref": "#/components/schemas/Conversation"}, bad, "$"); len(got) < 3 {
		t.Fatalf("a conversation with a string id, an unknown status and no channel passed with %q", got)
	}
}

func readOpenAPI(t *testing.T) *openAPIDoc {
	t.Helper()
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	doc := &openAPIDoc{}
	if err := json.Unmarshal(raw, doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// contractCall is one request of the contract test.
type contractCall struct {
	route, path, token, body string
	want                     int
}

// TestOpenAPIContract holds the document to the handlers: every API route
// of the server is documented and every documented one is a route; each
// answers, refused or served, with a documented status and a body that
// has what the documented schema requires.
func TestOpenAPIContract(t *testing.T) {
	var srv *web.Server
	base, db, ingest := newTestServer(t, func(s *web.Server) { srv = s })
	doc := readOpenAPI(t)
	ctx := context.Background()

	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	for _, route := range srv.Routes() {
		if strings.Contains(route, " /api/") && !documented[route] {
			t.Errorf("route %q is not in openapi.json", route)
		}
	}
	for route := range documented {
		if !slices.Contains(srv.Routes(), route) {
			t.Errorf("openapi.json documents %q, which is no route", route)
		}
	}

	full, err := db.IssueAPIToken(ctx, &resonanz.APIToken{Name: "CRM", Scopes: resonanz.Scopes})
	must(t, err)
	metricsOnly, err := db.IssueAPIToken(ctx, &resonanz.APIToken{Name: "scraper", Scopes: []string{resonanz.ScopeMetrics}})
	must(t, err)
	lea := addUser(t, db, "lea", resonanz.RoleLead)
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "mastodon", ExternalID: "c1", Author: resonanz.Author{Handle: "@kim@example.social"},
		Text: "Wo bleibt mein Paket?", Visibility: resonanz.Public, Time: time.Now().Add(-time.Hour)}})
	must(t, err)
	conv, contact := strconv.FormatInt(res[0].ConversationID, 10), ""
	c, err := db.FindConversationByID(ctx, res[0].ConversationID)
	must(t, err)
	contact = strconv.FormatInt(c.ContactID, 10)
	sub := &resonanz.EventSubscription{URL: "http://127.0.0.1:1/hooks", Events: []string{resonanz.EventConversationSolved}}
	_, err = db.Subscribe(ctx, sub)
	must(t, err)
	hook := strconv.FormatInt(sub.ID, 10)

	calls := []contractCall{
		{"GET /api/v1/openapi.json", "/api/v1/openapi.json", "", "", 200},
		{"POST /api/v1/messages", "/api/v1/messages", ingest, goodMessage, 201},
		{"POST /api/v1/messages", "/api/v1/messages", ingest, goodMessage, 200},
		{"POST /api/v1/messages", "/api/v1/messages", ingest, "[" + goodMessage + `,{"channel":""}]`, 200},
		{"POST /api/v1/messages", "/api/v1/messages", ingest, `{"channel":`, 400},
		{"GET /api/v1/conversations", "/api/v1/conversations?limit=1&status=open_work", full, "", 200},
		{"GET /api/v1/conversations", "/api/v1/conversations?status=lost", full, "", 400},
		{"GET /api/v1/conversations", "/api/v1/conversations?cursor=nonsense", full, "", 400},
		{"GET /api/v1/conversations/{id}", "/api/v1/conversations/" + conv, full, "", 200},
		{"GET /api/v1/conversations/{id}/messages", "/api/v1/conversations/" + conv + "/messages", full, "", 200},
		{"GET /api/v1/contacts", "/api/v1/contacts?q=kim&channel=mastodon&limit=1", full, "", 200},
		{"GET /api/v1/contacts", "/api/v1/contacts?channel=fax", full, "", 400},
		{"GET /api/v1/contacts", "/api/v1/contacts?cursor=nonsense", full, "", 400},
		{"GET /api/v1/contacts/{id}", "/api/v1/contacts/" + contact, full, "", 200},
		{"POST /api/v1/conversations/{id}/reply", "/api/v1/conversations/" + conv + "/reply", full, `{"text":"Wir sehen nach.","public":true}`, 201},
		{"POST /api/v1/conversations/{id}/reply", "/api/v1/conversations/" + conv + "/reply", full, `{"text":""}`, 400},
		{"POST /api/v1/conversations/{id}/assign", "/api/v1/conversations/" + conv + "/assign", full, fmt.Sprintf(`{"owner_id":%d}`, lea.ID), 200},
		{"POST /api/v1/conversations/{id}/assign", "/api/v1/conversations/" + conv + "/assign", full, `{"owner":1}`, 400},
		{"POST /api/v1/conversations/{id}/status", "/api/v1/conversations/" + conv + "/status", full, `{"status":"solved"}`, 200},
		{"POST /api/v1/conversations/{id}/status", "/api/v1/conversations/" + conv + "/status", full, `{"status":"lost"}`, 400},
		{"POST /api/v1/conversations/{id}/notes", "/api/v1/conversations/" + conv + "/notes", full, `{"text":"Rückruf vereinbart"}`, 201},
		{"POST /api/v1/conversations/{id}/notes", "/api/v1/conversations/" + conv + "/notes", full, `[]`, 400},
		{"POST /api/v1/conversations/{id}/promises", "/api/v1/conversations/" + conv + "/promises", full,
			fmt.Sprintf(`{"text":"Gutschrift","due_at":"2030-01-01T10:00:00Z","owner_id":%d}`, lea.ID), 201},
		{"POST /api/v1/conversations/{id}/promises", "/api/v1/conversations/" + conv + "/promises", full, `{"text":"Gutschrift","due_at":"Freitag"}`, 400},
		{"POST /api/v1/webhooks", "/api/v1/webhooks", full, `{"url":"https://crm.example/hooks","events":["message.received"]}`, 201},
		{"POST /api/v1/webhooks", "/api/v1/webhooks", full, `{"url":"ftp://crm.example","events":["message.received"]}`, 400},
		{"GET /api/v1/webhooks", "/api/v1/webhooks", full, "", 200},
		{"GET /api/v1/webhooks/{id}/deliveries", "/api/v1/webhooks/" + hook + "/deliveries", full, "", 200},
		{"POST /api/v1/deliveries/{id}/replay", "/api/v1/deliveries/{delivery}/replay", full, "", 202},
		{"DELETE /api/v1/webhooks/{id}", "/api/v1/webhooks/" + hook, full, "", 204},
		{"DELETE /api/v1/webhooks/{id}", "/api/v1/webhooks/" + hook, full, "", 404},
		{"POST /api/v1/deliveries/{id}/replay", "/api/v1/deliveries/{delivery}/replay", full, "", 409},
	}
	// Every protected route refuses a missing token, a token without its
	// scope, and (with an id) a record that does not exist.
	for route, op := range documentedOps(doc) {
		if len(op.Security) == 0 {
			continue
		}
		method, path, _ := strings.Cut(route, " ")
		path = strings.ReplaceAll(path, "{id}", "999999")
		calls = append(calls, contractCall{route, path, "", "", 401}, contractCall{route, path, metricsOnly, "", 403})
		if strings.Contains(route, "{id}") && method != "POST" {
			calls = append(calls, contractCall{route, path, full, "", 404})
		}
	}

	exercised := map[string]bool{}
	for _, call := range calls {
		if strings.Contains(call.path, "{delivery}") {
			call.path = strings.Replace(call.path, "{delivery}", firstDelivery(t, db, sub.ID), 1)
		}
		method, _, _ := strings.Cut(call.route, " ")
		status, body := do(t, method, base+call.path, call.token, call.body)
		name := fmt.Sprintf("%s %s as %q", method, call.path, call.token)
		if status != call.want {
			t.Errorf("%s: %d, want %d: %s", name, status, call.want, body)
			continue
		}
		exercised[call.route+" "+strconv.Itoa(status)] = true
		answer, ok := doc.Paths[strings.SplitN(call.route, " ", 2)[1]][strings.ToLower(method)].Responses[strconv.Itoa(status)]
		if !ok {
			t.Errorf("%s answered %d, which openapi.json does not document", name, status)
			continue
		}
		schema := answer.Content["application/json"].Schema
		if schema == nil {
			if len(body) > 0 {
				t.Errorf("%s answered a body where none is documented: %s", name, body)
			}
			continue
		}
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Errorf("%s: the body is not JSON: %v", name, err)
			continue
		}
		for _, p := range checkSchema(doc, schema, v, "$") {
			t.Errorf("%s: %s", name, p)
		}
		if call.route == "POST /api/v1/conversations/{id}/status" && status == 200 {
			// Solving makes an event for the subscription; dispatch it so that the log has a delivery to replay.
			d := &eventhook.Dispatcher{Feed: db, Logger: slog.New(slog.DiscardHandler)}
			_, err := d.Dispatch(ctx)
			must(t, err)
		}
	}
	for route, op := range documentedOps(doc) {
		for code := range op.Responses {
			if code[0] == '2' && !exercised[route+" "+code] {
				t.Errorf("%s never answered its documented %s", route, code)
			}
		}
	}
}

func documentedOps(doc *openAPIDoc) map[string]openAPIOperation {
	ops := map[string]openAPIOperation{}
	for path, byMethod := range doc.Paths {
		for method, op := range byMethod {
			ops[strings.ToUpper(method)+" "+path] = op
		}
	}
	return ops
}

func firstDelivery(t *testing.T, db interface {
	FindEventDeliveries(context.Context, int64, int) ([]*resonanz.EventDelivery, error)
}, subscription int64) string {
	t.Helper()
	log, err := db.FindEventDeliveries(context.Background(), subscription, 1)
	if err != nil || len(log) == 0 {
		t.Fatalf("no delivery to replay (%v)", err)
	}
	return strconv.FormatInt(log[0].ID, 10)
}

// do sends one API request and returns the status and body.
func do(t *testing.T, method, url, token, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, bytes.NewReader([]byte(body)))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
