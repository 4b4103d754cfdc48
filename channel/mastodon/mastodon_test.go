package mastodon_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/channel/mastodon"
	"github.com/resonanz/resonanz/channel/mastodon/gtstest"
)

// loopback lets the adapter reach the test server, as an admin would allow
// a server on the company's own network.
func loopback(t *testing.T) *http.Client {
	allow, err := channel.ParseAllow([]string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	return channel.Outbound{Allow: allow, Timeout: 20 * time.Second}.Client()
}

func connect(t *testing.T, srv *gtstest.Server, token, hashtags string) resonanz.Channel {
	t.Helper()
	a := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Brand", Settings: map[string]string{"server": srv.URL, "hashtags": hashtags}}
	ch, err := mastodon.New(a, map[string]string{"token": token}, loopback(t))
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// receive asks, as the poller does, until at least n messages came; the
// server makes notifications a moment after the post.
func receive(t *testing.T, ch resonanz.Channel, cursor string, n int) ([]resonanz.IncomingMessage, string) {
	t.Helper()
	var all []resonanz.IncomingMessage
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, err := ch.Receive(context.Background(), cursor)
		if err != nil {
			t.Fatal(err)
		}
		all, cursor = append(all, got.Messages...), got.Cursor
		if !got.More && (len(all) >= n || time.Now().After(deadline)) {
			return all, cursor
		}
		if !got.More {
			time.Sleep(100 * time.Millisecond)
		}
	}
}

func TestMastodonAgainstGoToSocial(t *testing.T) {
	srv := gtstest.Start(t, "brand", "anna", "ben")
	brand, anna, ben := srv.Account(t, "brand"), srv.Account(t, "anna"), srv.Account(t, "ben")
	ctx := context.Background()
	ch := connect(t, srv, brand.Token, "beispielshop")
	if err := ch.Check(ctx); err != nil {
		t.Fatal(err)
	}

	public := anna.Post(t, "@brand Mein Paket ist nicht angekommen <b>!</b>", "public", "")
	direct := anna.Post(t, "@brand Meine Bestellnummer ist 4711", "direct", "")
	heard := ben.Post(t, "Schon wieder kaputt geliefert #beispielshop", "public", "")
	msgs, cursor := receive(t, ch, "", 3)
	byID := map[string]resonanz.IncomingMessage{}
	for _, m := range msgs {
		if err := m.Validate(); err != nil {
			t.Fatalf("%s: %v", m.ExternalID, err)
		}
		byID[m.ExternalID] = m
	}
	host := srv.Host + "/"
	t.Run("MentionAndDirectMessage", func(t *testing.T) {
		p, d := byID[host+public], byID[host+direct]
		if p.Visibility != resonanz.Public || d.Visibility != resonanz.Private || p.Unaddressed || d.Unaddressed {
			t.Fatalf("public %+v\ndirect %+v", p, d)
		}
		if p.Author.Handle != "@anna@"+srv.Host || !strings.Contains(p.Text, "Mein Paket ist nicht angekommen <b>!</b>") {
			t.Fatalf("public post as %q by %q", p.Text, p.Author.Handle)
		}
	})
	t.Run("ListeningToAHashtag", func(t *testing.T) {
		h, ok := byID[host+heard]
		if !ok || !h.Unaddressed || h.Author.Handle != "@ben@"+srv.Host {
			t.Fatalf("the hashtag post came in as %+v (found %v)", h, ok)
		}
	})
	t.Run("NothingTwice", func(t *testing.T) {
		again, _ := receive(t, ch, cursor, 0)
		if len(again) != 0 {
			t.Fatalf("%d messages fetched again", len(again))
		}
		later := anna.Post(t, "@brand Noch etwas", "public", "")
		next, _ := receive(t, ch, cursor, 1)
		if len(next) != 1 || next[0].ExternalID != host+later {
			t.Fatalf("after the cursor: %+v", next)
		}
	})
	t.Run("RepliesThreadedWithTheRightVisibility", func(t *testing.T) {
		for _, tc := range []struct {
			to         string
			public     bool
			visibility string
		}{{public, true, "public"}, {direct, false, "direct"}} {
			sent, err := ch.Send(ctx, &resonanz.Outgoing{Key: "k-" + tc.to, Text: "Wir kümmern uns.", Public: tc.public,
				ReplyTo: host + tc.to, Recipient: "@anna@" + srv.Host, Attempt: 1})
			if err != nil {
				t.Fatal(err)
			}
			replies := anna.Replies(t, tc.to)
			if len(replies) != 1 || host+replies[0].ID != sent.ExternalID || replies[0].Visibility != tc.visibility || sent.URL == "" {
				t.Fatalf("anna sees %+v under her post; sent %+v", replies, sent)
			}
		}
	})
	t.Run("RetryDoesNotPostTwice", func(t *testing.T) {
		out := &resonanz.Outgoing{Key: "retry-1", Text: "Ist unterwegs.", Public: true, ReplyTo: host + public, Recipient: "@anna@" + srv.Host, Attempt: 1}
		first, err := ch.Send(ctx, out)
		if err != nil {
			t.Fatal(err)
		}
		out.Attempt = 2 // as if the answer to the first attempt was lost
		second, err := ch.Send(ctx, out)
		if err != nil {
			t.Fatal(err)
		}
		if first.ExternalID != second.ExternalID || len(anna.Replies(t, public)) != 2 {
			t.Fatalf("a retry posted again: %s vs %s", first.ExternalID, second.ExternalID)
		}
	})
	t.Run("StreamWakes", func(t *testing.T) {
		s, ok := ch.(resonanz.StreamingChannel)
		if !ok {
			t.Fatal("the Mastodon channel does not stream")
		}
		listenCtx, stop := context.WithCancel(ctx)
		woken := make(chan struct{}, 10)
		done := make(chan error, 1)
		go func() { done <- s.Listen(listenCtx, func() { woken <- struct{}{} }) }()
		// The stream is open once the server answers; keep posting until it tells.
		deadline := time.After(30 * time.Second)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for waiting := true; waiting; {
			select {
			case <-woken:
				waiting = false
			case <-tick.C:
				anna.Post(t, "@brand Hallo?", "public", "")
			case err := <-done:
				t.Fatalf("the stream ended: %v", err)
			case <-deadline:
				t.Fatal("a mention did not wake the listener")
			}
		}
		stop()
		if err := <-done; err == nil {
			t.Fatal("Listen returned no reason when stopped")
		}
	})
	t.Run("ErrRevokedToken", func(t *testing.T) {
		bad := connect(t, srv, "not-a-token", "")
		err := bad.Check(ctx)
		if err == nil || !resonanz.IsPermanent(err) || !strings.Contains(err.Error(), "token") {
			t.Fatalf("a bad token: %v", err)
		}
	})
	t.Run("ErrServerDown", func(t *testing.T) {
		srv.Stop(t)
		_, err := ch.Receive(ctx, cursor)
		if err == nil || resonanz.IsPermanent(err) {
			t.Fatalf("a server that is down must be tried again: %v", err)
		}
		srv.Restart(t)
	})
}
