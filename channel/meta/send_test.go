package meta

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

func TestSend(t *testing.T) {
	tests := []struct {
		name     string
		out      resonanz.Outgoing
		path     string         // where the reply is posted
		form     string         // the form's message, for a comment reply
		json     map[string]any // the JSON body, for a message
		external string         // prefix of the sent reply's external id
		url      string         // prefix of its link
	}{
		{
			name:     "FacebookCommentReply",
			out:      resonanz.Outgoing{Public: true, Text: "Das tut uns leid, wir sehen nach.", ReplyTo: "fb:c:1000_2000", Recipient: "fb:2511180000000001"},
			path:     "/v21.0/1000_2000/comments",
			form:     "Das tut uns leid, wir sehen nach.",
			external: "fb:c:1000_",
			url:      "https://www.facebook.com/1000_",
		},
		{
			name:     "InstagramCommentReply",
			out:      resonanz.Outgoing{Public: true, Text: "@erika.m Das tut uns leid!", ReplyTo: "ig:c:17865799348089039", Recipient: "ig:17841455555555555"},
			path:     "/v21.0/17865799348089039/replies",
			form:     "@erika.m Das tut uns leid!",
			external: "ig:c:",
		},
		{
			name: "MessengerMessage",
			out:  resonanz.Outgoing{Text: "Ihre Bestellung ist unterwegs.", ReplyTo: "fb:m:m_AbC123", Recipient: "fb:6940311122233344"},
			path: "/v21.0/104857600123456/messages",
			json: map[string]any{"recipient": map[string]any{"id": "6940311122233344"}, "messaging_type": "RESPONSE",
				"message": map[string]any{"text": "Ihre Bestellung ist unterwegs."}},
			external: "fb:m:m_Xy",
		},
		{
			name: "InstagramDirectMessage",
			out:  resonanz.Outgoing{Text: "Wir melden uns gleich.", ReplyTo: "ig:m:aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE", Recipient: "ig:1254477777777777"},
			path: "/v21.0/104857600123456/messages",
			json: map[string]any{"recipient": map[string]any{"id": "1254477777777777"}, "messaging_type": "RESPONSE",
				"message": map[string]any{"text": "Wir melden uns gleich."}},
			external: "ig:m:m_Xy",
		},
		{
			name: "PrivateReplyToComment",
			out:  resonanz.Outgoing{Text: "Schreiben Sie uns Ihre Bestellnummer?", ReplyTo: "fb:c:1000_2000", Recipient: "fb:2511180000000001"},
			path: "/v21.0/104857600123456/messages",
			json: map[string]any{"recipient": map[string]any{"comment_id": "1000_2000"}, "messaging_type": "RESPONSE",
				"message": map[string]any{"text": "Schreiben Sie uns Ihre Bestellnummer?"}},
			external: "fb:m:m_Xy",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t)
			c := newTestChannel(t, g.URL(), g.srv.Client())
			tt.out.Attempt = 1
			sent, err := c.Send(context.Background(), &tt.out)
			if err != nil {
				t.Fatal(err)
			}
			posts := g.posts()
			if len(posts) != 1 {
				t.Fatalf("%d posts, want 1: %+v", len(posts), posts)
			}
			p := posts[0]
			if p.Path != tt.path || p.Auth != "Bearer "+testPageToken {
				t.Errorf("posted to %s with %q, want %s with the page token", p.Path, p.Auth, tt.path)
			}
			if tt.form != "" && p.Form.Get("message") != tt.form {
				t.Errorf("form %v, want message %q", p.Form, tt.form)
			}
			if tt.json != nil && !sameJSON(p.JSON, tt.json) {
				t.Errorf("body %v, want %v", p.JSON, tt.json)
			}
			if !strings.HasPrefix(sent.ExternalID, tt.external) || len(sent.ExternalID) <= len(tt.external) {
				t.Errorf("external id %q, want %q…", sent.ExternalID, tt.external)
			}
			if tt.url == "" && sent.URL != "" || tt.url != "" && !strings.HasPrefix(sent.URL, tt.url) {
				t.Errorf("url %q, want %q…", sent.URL, tt.url)
			}
		})
	}
}

func sameJSON(got, want map[string]any) bool {
	if len(got) != len(want) {
		return false
	}
	for k, w := range want {
		switch w := w.(type) {
		case map[string]any:
			g, ok := got[k].(map[string]any)
			if !ok || !sameJSON(g, w) {
				return false
			}
		default:
			if got[k] != w {
				return false
			}
		}
	}
	return true
}

// Replies Send refuses before asking Meta: they could never succeed.
func TestSendRefused(t *testing.T) {
	tests := []struct {
		name string
		out  resonanz.Outgoing
	}{
		{"PublicWithoutComment", resonanz.Outgoing{Public: true, Text: "Hallo", ReplyTo: "fb:m:m_AbC123", Recipient: "fb:6940311122233344"}},
		{"PublicToForeignID", resonanz.Outgoing{Public: true, Text: "Hallo", ReplyTo: "109876543210", Recipient: "fb:6940311122233344"}},
		{"CommentIDNotAPath", resonanz.Outgoing{Public: true, Text: "Hallo", ReplyTo: "fb:c:../../me/feed", Recipient: "fb:1"}},
		{"Empty", resonanz.Outgoing{Public: true, Text: "  ", ReplyTo: "fb:c:1000_2000"}},
		{"RecipientUnknown", resonanz.Outgoing{Text: "Hallo", ReplyTo: "fb:m:m_AbC123", Recipient: "mastodon:@erika@example.social"}},
		{"RecipientWithoutID", resonanz.Outgoing{Text: "Hallo", ReplyTo: "", Recipient: "fb:unknown:1000_2003"}},
		{"TooLongForInstagramDM", resonanz.Outgoing{Text: strings.Repeat("ü", 501), ReplyTo: "ig:m:aWdf", Recipient: "ig:1254477777777777"}},
		{"TooLongForMessenger", resonanz.Outgoing{Text: strings.Repeat("a", 2001), ReplyTo: "fb:m:m_AbC123", Recipient: "fb:6940311122233344"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t)
			c := newTestChannel(t, g.URL(), g.srv.Client())
			tt.out.Attempt = 1
			_, err := c.Send(context.Background(), &tt.out)
			if !resonanz.IsPermanent(err) || resonanz.ErrorCode(err) != resonanz.EINVALID {
				t.Errorf("err = %v, want a permanent EINVALID", err)
			}
			if posts := g.posts(); len(posts) != 0 {
				t.Errorf("posted %+v", posts)
			}
		})
	}
}

// How a failed post shows: wait as told, give up, or try again later.
func TestSendFailure(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		header    map[string]string
		body      string
		wait      time.Duration // > 0: a RetryAfterError with this pause
		permanent bool
		message   string // part of the error
	}{
		{name: "TooManyRequests", status: 429, header: map[string]string{"Retry-After": "120"}, body: `{"error":{"message":"Too many calls","code":4}}`, wait: 2 * time.Minute},
		{name: "AppRateLimit", status: 400, body: `{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4,"is_transient":true}}`, wait: DefaultWait},
		{name: "PageRateLimitWithUsage", status: 400, header: map[string]string{"X-Business-Use-Case-Usage": `{"104857600123456":[{"type":"pages","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":17}]}`},
			body: `{"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32}}`, wait: 17 * time.Minute},
		{name: "CustomRateLimit", status: 400, body: `{"error":{"message":"(#613) Calls to this api have exceeded the rate limit.","type":"OAuthException","code":613}}`, wait: DefaultWait},
		{name: "TokenRevoked", status: 400, body: `{"error":{"message":"Error validating access token: The user has not authorized application 1517776481860111.","type":"OAuthException","code":190,"error_subcode":458,"fbtrace_id":"AbC"}}`,
			permanent: true, message: "page token is no longer valid"},
		{name: "PermissionMissing", status: 403, body: `{"error":{"message":"(#200) Requires pages_manage_engagement permission to manage the object","type":"OAuthException","code":200}}`,
			permanent: true, message: "pages_manage_engagement"},
		{name: "OutsideMessagingWindow", status: 400, body: `{"error":{"message":"(#10) This message is sent outside of allowed window.","type":"OAuthException","code":10,"error_subcode":2018278}}`,
			permanent: true, message: "outside of allowed window"},
		{name: "CommentDeleted", status: 400, body: `{"error":{"message":"Unsupported post request. Object with ID '1000_2000' does not exist","type":"GraphMethodException","code":100,"error_subcode":33}}`,
			permanent: true, message: "does not exist"},
		{name: "ServerError", status: 500, body: `{"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException","code":2,"is_transient":true}}`,
			message: "retry your request later"},
		{name: "TransientAs400", status: 400, body: `{"error":{"message":"An unknown error occurred","type":"OAuthException","code":1,"is_transient":true}}`},
		{name: "ProxyHTML", status: 502, body: `<html><body>Bad Gateway</body></html>`, message: "Bad Gateway"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t)
			g.fail = func(w http.ResponseWriter, r *http.Request) bool {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
				return true
			}
			c := newTestChannel(t, g.URL(), g.srv.Client())
			_, err := c.Send(context.Background(), &resonanz.Outgoing{Public: true, Text: "Das tut uns leid.", ReplyTo: "fb:c:1000_2000", Attempt: 1})
			if err == nil {
				t.Fatal("no error")
			}
			wait, isWait := resonanz.RetryAfter(err)
			if tt.wait > 0 && (!isWait || wait != tt.wait) || tt.wait == 0 && isWait {
				t.Errorf("retry after %v (%v), want %v: %v", wait, isWait, tt.wait, err)
			}
			if resonanz.IsPermanent(err) != tt.permanent {
				t.Errorf("permanent = %v, want %v: %v", resonanz.IsPermanent(err), tt.permanent, err)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not say %q", err, tt.message)
			}
			if strings.Contains(err.Error(), testPageToken) {
				t.Errorf("error %q shows the page token", err)
			}
		})
	}
}

// A retry of a public reply whose answer was lost finds the reply Meta
// already posted and does not post it twice.
func TestSendRetryFindsEarlierReply(t *testing.T) {
	tests := []struct {
		name, replyTo, edge string
	}{
		{"Facebook", "fb:c:1000_2000", "/v21.0/1000_2000/comments"},
		{"Instagram", "ig:c:17865799348089039", "/v21.0/17865799348089039/replies"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t)
			c := newTestChannel(t, g.URL(), g.srv.Client())
			_, _, commentID, _ := splitExternalID(tt.replyTo)
			field, timeField, author := "message", "created_time", testPageID
			if tt.name == "Instagram" {
				field, timeField, author = "text", "timestamp", testIGID
			}
			queued := time.Now().Add(-time.Minute)
			// Others answered too, and the page said the same words last week.
			g.addReply(commentID, "2511180000000002", field, "Das tut uns leid, wir sehen nach.", timeField, queued)
			g.addReply(commentID, author, field, "Das tut uns leid, wir sehen nach.", timeField, queued.Add(-7*24*time.Hour))
			out := &resonanz.Outgoing{Key: "reply-41", Public: true, Text: "Das tut uns leid, wir sehen nach.", ReplyTo: tt.replyTo, Attempt: 1, QueuedAt: queued}

			g.loseAnswer = true
			if _, err := c.Send(context.Background(), out); err == nil || resonanz.IsPermanent(err) {
				t.Fatalf("a lost answer gave %v, want an error to retry", err)
			}
			out.Attempt = 2
			sent, err := c.Send(context.Background(), out)
			if err != nil {
				t.Fatal(err)
			}
			if posts := g.posts(); len(posts) != 1 || posts[0].Path != tt.edge {
				t.Fatalf("posts %+v, want the one of the first attempt", posts)
			}
			g.mu.Lock()
			replies := g.replies[commentID]
			g.mu.Unlock()
			if want := tt.replyTo[:5] + replies[len(replies)-1]["id"].(string); sent.ExternalID != want {
				t.Errorf("sent %q, want the earlier reply %q", sent.ExternalID, want)
			}
		})
	}
}

// A retry that finds nothing earlier posts, once; only the page's own reply
// made after the reply was queued counts as earlier.
func TestSendRetryPostsWhenNothingWasPosted(t *testing.T) {
	g := newFakeGraph(t)
	c := newTestChannel(t, g.URL(), g.srv.Client())
	queued := time.Now().Add(-time.Minute)
	g.addReply("1000_2000", testPageID, "message", "Danke!", "created_time", queued.Add(-48*time.Hour))
	out := &resonanz.Outgoing{Public: true, Text: "Danke!", ReplyTo: "fb:c:1000_2000", Attempt: 3, QueuedAt: queued}
	sent, err := c.Send(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	if posts := g.posts(); len(posts) != 1 {
		t.Fatalf("%d posts, want 1", len(posts))
	}
	if sent.ExternalID == "fb:c:1000_501" {
		t.Error("took the page's reply of two days ago for this one")
	}
}

func TestSendTimeout(t *testing.T) {
	g := newFakeGraph(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	g.fail = func(w http.ResponseWriter, r *http.Request) bool {
		select {
		case <-r.Context().Done():
		case <-release:
		}
		return true
	}
	out := &resonanz.Outgoing{Public: true, Text: "Hallo", ReplyTo: "fb:c:1000_2000", Attempt: 1}

	t.Run("ClientTimeout", func(t *testing.T) {
		client := g.srv.Client()
		client.Timeout = 200 * time.Millisecond
		c := newTestChannel(t, g.URL(), client)
		start := time.Now()
		_, err := c.Send(context.Background(), out)
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() || resonanz.IsPermanent(err) {
			t.Errorf("err = %v, want a timeout to retry", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v", d)
		}
	})
	t.Run("ContextDeadline", func(t *testing.T) {
		c := newTestChannel(t, g.URL(), g.srv.Client())
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		_, err := c.Send(ctx, out)
		if !errors.Is(err, context.DeadlineExceeded) || resonanz.IsPermanent(err) {
			t.Errorf("err = %v, want the context's deadline", err)
		}
	})
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		me      map[string]string
		fail    string // an error answer instead
		message string // part of the error; "" for success
	}{
		{name: "OK", me: map[string]string{"id": testPageID, "name": "Kaffeerösterei Süd"}},
		{name: "PersonsToken", me: map[string]string{"id": "2511180000000009", "name": "Erika Admin"}, message: "not to page 104857600123456"},
		{name: "TokenRevoked", fail: `{"error":{"message":"Error validating access token: Session has expired on Thursday, 02-May-24 10:00:00 PDT.","type":"OAuthException","code":190,"error_subcode":463}}`,
			message: "page token is no longer valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t)
			if tt.me != nil {
				g.me = tt.me
			}
			if tt.fail != "" {
				g.fail = func(w http.ResponseWriter, r *http.Request) bool {
					w.WriteHeader(400)
					w.Write([]byte(tt.fail))
					return true
				}
			}
			c := newTestChannel(t, g.URL(), g.srv.Client())
			err := c.Check(context.Background())
			if tt.message == "" && err != nil || tt.message != "" && (err == nil || !strings.Contains(err.Error(), tt.message)) {
				t.Errorf("err = %v, want %q", err, tt.message)
			}
		})
	}
}

func TestReceiveFetchesNothing(t *testing.T) {
	c := newTestChannel(t, DefaultGraphURL, http.DefaultClient)
	got, err := c.Receive(context.Background(), "cursor-1")
	if err != nil || len(got.Messages) != 0 || got.Cursor != "cursor-1" || got.More {
		t.Errorf("Receive = %+v, %v", got, err)
	}
}

func TestNew(t *testing.T) {
	good := map[string]string{"verify_token": testVerifyToken, "app_secret": testAppSecret, "page_token": testPageToken}
	tests := []struct {
		name     string
		settings map[string]string
		secrets  map[string]string
		field    string // "" for success
	}{
		{"OK", map[string]string{"page_id": testPageID}, good, ""},
		{"PageName", map[string]string{"page_id": "kaffee.sued"}, good, "page_id"},
		{"PlainHTTP", map[string]string{"page_id": testPageID, "graph_url": "http://graph.example.com/v21.0"}, good, "graph_url"},
		{"NotAURL", map[string]string{"page_id": testPageID, "graph_url": "graph.facebook.com"}, good, "graph_url"},
		{"NoAppSecret", map[string]string{"page_id": testPageID}, map[string]string{"verify_token": "v", "page_token": "p"}, "app_secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &resonanz.ChannelAccount{Kind: "meta", Name: "Kaffeerösterei", Settings: tt.settings}
			ch, err := Adapter.New(a, tt.secrets, http.DefaultClient)
			if got := resonanz.ErrorField(err); got != tt.field {
				t.Fatalf("error %v on field %q, want %q", err, got, tt.field)
			}
			if tt.field == "" && ch.(*Channel).graphURL != DefaultGraphURL {
				t.Errorf("graph url %q, want the default", ch.(*Channel).graphURL)
			}
		})
	}
}
