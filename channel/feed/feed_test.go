package feed_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/channel/feed"
)

// site serves a review site's feed on loopback, and the ways feeds go wrong.
type site struct {
	mu      sync.Mutex
	items   []string
	fetches int
	srv     *httptest.Server
}

func newSite(t *testing.T) *site {
	s := &site{}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.fetches++
		etag := fmt.Sprintf(`"v%d"`, len(s.items))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Bewertungen</title>`)
		for i := len(s.items) - 1; i >= 0; i-- { // newest first
			fmt.Fprint(w, s.items[i])
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/huge.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<rss><channel>`)
		item := `<item><guid>g</guid><title>` + strings.Repeat("x", 1000) + `</title></item>`
		for range 6000 { // 6 MB and more
			if _, err := fmt.Fprint(w, item); err != nil {
				return
			}
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, `<rss><channel>`)
		for {
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
				fmt.Fprint(w, " ")
			}
		}
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><body><h1>Wartungsarbeiten</h1></body></html>`)
	})
	mux.HandleFunc("/gone.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/loop.xml", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop.xml", http.StatusFound) })
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

// add publishes an entry.
func (s *site) add(guid, title, text, author string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = append(s.items, fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>https://reviews.example/r/%s</link>
		<author>%s</author><pubDate>%s</pubDate><description>%s</description></item>`, guid, title, guid, author,
		time.Now().Add(-time.Minute).UTC().Format(time.RFC1123Z), text))
}

// loopback is the outbound client with loopback allowed, as an admin
// allows a server on the company's own network; the timeout is short so
// that the slow feed ends soon.
func loopback(t *testing.T, timeout time.Duration) *http.Client {
	allow, err := channel.ParseAllow([]string{"127.0.0.1", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	return channel.Outbound{Allow: allow, Timeout: timeout}.Client()
}

func open(t *testing.T, client *http.Client, settings map[string]string) *feed.Channel {
	t.Helper()
	c, err := feed.New(&resonanz.ChannelAccount{ID: 4, Kind: "feed", Name: "Bewertungen", Settings: settings}, client)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestFeedOnLoopback: only new entries come in, once, as public posts not
// addressed to the company, with the link to answer on the site.
func TestFeedOnLoopback(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	s.add("r-1", "Alt", "Schon vor dem Verbinden da.", "Kim")
	c := open(t, loopback(t, 5*time.Second), map[string]string{"url": s.srv.URL + "/feed.xml", "keywords": "filiale, lieferung", "languages": "de", "every": "0"})
	got, err := c.Receive(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Messages) != 0 {
		t.Fatalf("the first fetch took %d entries that were there before listening", len(got.Messages))
	}
	s.add("r-2", "Lieferung kam nie an", "Seit drei Wochen warte ich auf die Lieferung.", "Ben")
	s.add("r-3", "Great store", "The Filiale staff was very kind and the store is great.", "Ann")
	s.add("r-4", "Kassenbon", "Der Bon war nicht lesbar.", "Eva")
	got, err = c.Receive(ctx, got.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Messages) != 1 {
		t.Fatalf("%d messages, want the German one about the Lieferung: %+v", len(got.Messages), got.Messages)
	}
	m := got.Messages[0]
	if m.Channel != "review" || m.Visibility != resonanz.Public || !m.Unaddressed || m.Author.DisplayName != "Ben" ||
		!strings.HasSuffix(m.Text, "\n\n🔗 https://reviews.example/r/r-2") || !strings.HasPrefix(m.Text, "Lieferung kam nie an\n\n") {
		t.Fatalf("%+v", m)
	}
	if m.ClampTime(time.Now()); m.Validate() != nil {
		t.Fatalf("%+v does not validate: %v", m, m.Validate())
	}
	before := s.fetches
	again, err := c.Receive(ctx, got.Cursor)
	if err != nil || len(again.Messages) != 0 {
		t.Fatalf("an unchanged feed: %+v, %v", again, err)
	}
	if s.fetches != before+1 {
		t.Fatalf("%d fetches", s.fetches-before)
	}
}

// TestFeedFailures: a huge, a slow, a broken, a gone and an endlessly
// redirecting feed each end in a clear error; an internal address is
// refused unless allowed.
func TestFeedFailures(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	client := loopback(t, time.Second)
	for _, tc := range []struct{ path, want string }{
		{"/huge.xml", "larger than 5 MB"},
		{"/slow.xml", "Timeout"},
		{"/broken.xml", "not an RSS or Atom feed (it starts with <html>)"},
		{"/gone.xml", "410 Gone"},
		{"/loop.xml", "too many redirects"},
	} {
		t.Run(strings.TrimSuffix(tc.path[1:], ".xml"), func(t *testing.T) {
			c := open(t, client, map[string]string{"url": s.srv.URL + tc.path})
			_, err := c.Receive(ctx, "")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if err := c.Check(ctx); err == nil {
				t.Fatal("the connection test passed")
			}
		})
	}
	t.Run("InternalAddressRefused", func(t *testing.T) {
		c := open(t, channel.Outbound{}.Client(), map[string]string{"url": s.srv.URL + "/feed.xml"})
		if _, err := c.Receive(ctx, ""); !errors.Is(err, channel.ErrInternalTarget) {
			t.Fatalf("err = %v, want the internal target refused", err)
		}
	})
}

// TestFeedFetchesEveryFewMinutes: a site is asked at most every five
// minutes however often the poller comes by.
func TestFeedFetchesEveryFewMinutes(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	c := open(t, loopback(t, 5*time.Second), map[string]string{"url": s.srv.URL + "/feed.xml"})
	start := time.Now()
	now := start
	c.SetClock(func() time.Time { return now })
	got, err := c.Receive(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	s.add("r-1", "Neu", "Gerade geschrieben.", "Kim")
	for _, step := range []struct {
		after   time.Duration
		fetches int
		msgs    int
	}{{time.Minute, 1, 0}, {3 * time.Minute, 1, 0}, {5 * time.Minute, 2, 1}, {6 * time.Minute, 2, 0}} {
		now = start.Add(step.after)
		if got, err = c.Receive(ctx, got.Cursor); err != nil {
			t.Fatal(err)
		}
		if s.fetches != step.fetches || len(got.Messages) != step.msgs {
			t.Fatalf("after %v: %d fetches, %d messages; want %d, %d", step.after, s.fetches, len(got.Messages), step.fetches, step.msgs)
		}
	}
}

func TestFeedSettings(t *testing.T) {
	for _, tc := range []struct {
		name, field string
		settings    map[string]string
	}{
		{"ErrNoURL", "url", map[string]string{}},
		{"ErrScheme", "url", map[string]string{"url": "file:///etc/passwd"}},
		{"ErrUserInURL", "url", map[string]string{"url": "https://user:pw@reviews.example/feed"}},
		{"ErrChannel", "channel", map[string]string{"url": "https://reviews.example/feed", "channel": "mastodon"}},
		{"ErrLanguage", "languages", map[string]string{"url": "https://reviews.example/feed", "languages": "deutsch"}},
		{"ErrEvery", "every", map[string]string{"url": "https://reviews.example/feed", "every": "often"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := feed.New(&resonanz.ChannelAccount{Kind: "feed", Settings: tc.settings}, http.DefaultClient)
			if resonanz.ErrorField(err) != tc.field {
				t.Fatalf("err = %v, want one about %q", err, tc.field)
			}
		})
	}
}
