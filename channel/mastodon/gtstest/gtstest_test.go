package gtstest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz/channel/mastodon/gtstest"
)

// TestServer exercises what the Mastodon adapter's tests rely on: tokens
// through the OAuth flow, mentions between local accounts in public and
// direct posts, threaded replies, and a server that goes down and comes back
// with its data.
func TestServer(t *testing.T) {
	s := gtstest.Start(t, "brand", "anna")
	brand := s.Account(t, "brand")
	anna := s.Account(t, "anna")
	if brand.Token == "" || anna.Token == "" || brand.ID == "" || anna.ID == "" || brand.ID == anna.ID {
		t.Fatalf("accounts: brand %+v, anna %+v", brand, anna)
	}
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Fatalf("URL %q", s.URL)
	}

	public := anna.Post(t, "@brand my parcel never arrived", "public", "")
	direct := anna.Post(t, "@brand order 4711, please have a look", "direct", "")

	// Notifications are written by a background worker: wait for both.
	var got map[string]gtstest.Notification
	waitFor(t, "brand's mention notifications", func() bool {
		got = map[string]gtstest.Notification{}
		for _, n := range brand.Notifications(t) {
			if n.Type == "mention" && n.Status != nil {
				got[n.Status.ID] = n
			}
		}
		return len(got) == 2
	})
	for id, vis := range map[string]string{public: "public", direct: "direct"} {
		n, ok := got[id]
		if !ok {
			t.Fatalf("no mention notification for %s status %s: %+v", vis, id, got)
		}
		if n.Status.Visibility != vis || n.Account.Username != "anna" {
			t.Errorf("notification for %s: visibility %q from %q", id, n.Status.Visibility, n.Account.Username)
		}
		if len(n.Status.Mentions) != 1 || n.Status.Mentions[0].ID != brand.ID {
			t.Errorf("status %s mentions %+v, want brand %s", id, n.Status.Mentions, brand.ID)
		}
	}
	if c := got[direct].Status.Content; !strings.Contains(c, "order 4711") {
		t.Errorf("direct content %q", c)
	}

	// Brand answers the direct message, privately as well.
	reply := brand.Post(t, "@anna we are on it", "direct", direct)
	var replies []gtstest.Status
	waitFor(t, "the reply in anna's thread", func() bool {
		replies = anna.Replies(t, direct)
		return len(replies) == 1
	})
	r := replies[0]
	if r.ID != reply || r.InReplyToID != direct || r.Visibility != "direct" || r.Account.ID != brand.ID ||
		!strings.Contains(r.Content, "we are on it") {
		t.Errorf("reply as anna sees it: %+v", r)
	}
	if n := len(anna.Replies(t, public)); n != 0 {
		t.Errorf("public status has %d replies, want 0", n)
	}
	if sts := anna.Statuses(t); len(sts) != 2 {
		t.Errorf("anna has %d statuses, want 2", len(sts))
	}

	// Down: requests fail. Back: same accounts, tokens and statuses.
	s.Stop(t)
	if resp, err := http.Get(s.URL + "/api/v1/instance"); err == nil {
		resp.Body.Close()
		t.Fatalf("stopped server answered: %s", resp.Status)
	}
	s.Restart(t)
	if st := anna.Status(t, reply); st.InReplyToID != direct {
		t.Errorf("after restart, reply %s answers %q", reply, st.InReplyToID)
	}
	if n := len(brand.Notifications(t)); n != 2 {
		t.Errorf("after restart brand has %d notifications, want 2", n)
	}
	if again := s.Account(t, "anna"); again.Token != anna.Token {
		t.Error("Account gave a new token for the same user")
	}
}

// waitFor polls cond for up to ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
