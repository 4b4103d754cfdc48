package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// A reply too long for Mastodon comes back with its text and the offer to
// send it as numbered replies, which then go out in order, each fitting.
func TestReplyTooLongForMastodon(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	tom := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "mastodon", ExternalID: "1", Author: resonanz.Author{Handle: "@anna@example.social"},
		Text: "@shop wo bleibt mein Paket?", Visibility: resonanz.Public, Time: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/conversations/" + itoa(res[0].ConversationID)
	long := strings.TrimSpace(strings.Repeat("Wir haben Ihr Paket gefunden und schicken es heute los.\r\n", 12))

	_, page := tom.get(path)
	// Replies begin with the mention "@anna@example.social ": 479 characters are left.
	mustContain(t, page, `id="reply-count"`, `data-max="479"`, `maxlength="20000"`, `id="reply-split"`)
	status, body := tom.post(path+"/reply", url.Values{"text": {long}, "visibility": {"public"}})
	if status != http.StatusBadRequest {
		t.Fatalf("a reply of %d characters: %d, want 400", utf8.RuneCountInString(long), status)
	}
	body = html.UnescapeString(body)
	mustContain(t, body, "Mastodon allows 500, 479 of them besides the mention of @anna@example.social", strings.ReplaceAll(long, "\r\n", "\n")+"</textarea>", "Send as 2 numbered replies</button>")
	if strings.Contains(between(body, `id="reply-split"`, ">"), "hidden") {
		t.Fatal("the offer to split is hidden")
	}
	if status, _ := tom.post(path+"/reply", url.Values{"text": {long}, "visibility": {"public"}, "split": {"1"}}); status != http.StatusOK {
		t.Fatalf("split: %d", status)
	}
	tl, _ := db.Timeline(ctx, res[0].ConversationID)
	var parts []string
	for _, e := range tl.Entries {
		if m := e.Message; m != nil && m.Direction == resonanz.Outbound {
			parts = append(parts, m.Text)
		}
	}
	if len(parts) != 2 || !strings.HasSuffix(parts[0], "(1/2)") || !strings.HasSuffix(parts[1], "(2/2)") {
		t.Fatalf("replies %q", parts)
	}
	for _, p := range parts {
		if n := utf8.RuneCountInString(p); n > 479 {
			t.Fatalf("a part has %d characters", n)
		}
	}
}

// Channels that do not thread keep the hard limit and offer no split.
func TestReplyLimitWithoutThreads(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	tom := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "instagram", ExternalID: "1", Author: resonanz.Author{Handle: "anna"},
		Text: "Paket?", Visibility: resonanz.Public, Time: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	_, page := tom.get("/conversations/" + itoa(res[0].ConversationID))
	mustContain(t, page, `maxlength="1000"`, `data-max="1000"`)
	if strings.Contains(page, `id="reply-split"`) {
		t.Fatal("Instagram offers numbered replies")
	}
}
