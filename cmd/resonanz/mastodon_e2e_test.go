package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel/mastodon/gtstest"
)

// TestMastodonEndToEnd drives the whole program against a real GoToSocial:
// an admin connects the account in the browser; a customer's public mention
// and direct message arrive in the right conversations under one contact;
// an agent answers each in the browser and the customer sees the replies
// threaded with the right visibility; with the server down a reply shows
// "failed, trying again" and the account turns red; once the server is
// back the reply arrives exactly once.
func TestMastodonEndToEnd(t *testing.T) {
	srv := gtstest.Start(t, "brand", "anna")
	ctx, _ := newBrowser(t)
	brand, anna := srv.Account(t, "brand"), srv.Account(t, "anna")
	m := startMainWith(t, Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), AllowOutbound: []string{"127.0.0.1"}, PollInterval: 200 * time.Millisecond,
		DeliveryBackoff: func(attempt int) time.Duration {
			if attempt < 3 {
				return 300 * time.Millisecond
			}
			return 2 * time.Second
		}})
	t.Cleanup(func() { m.Close() })
	bg := context.Background()
	admin := newUser(t, m, "ada@example.org", "Ada Admin", resonanz.RoleAdmin)
	logIn(t, ctx, m, admin)

	t.Run("ConnectInTheBrowser", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/settings/channels?kind=mastodon"), chromedp.WaitVisible("#connect"),
			chromedp.SendKeys("#channel-name", "Beispiel-Shop"), chromedp.SendKeys("#channel-server", srv.URL),
			chromedp.SendKeys("#channel-token", brand.Token), chromedp.Click("#channel-connect")))
		waitFor(t, ctx, `document.querySelector("#channel-accounts tr.account") !== null`)
		if html := evalString(t, ctx, `document.body.innerHTML`); strings.Contains(html, brand.Token) {
			t.Fatal("the token is shown again")
		}
	})

	public := anna.Post(t, "@brand Mein Paket ist nicht angekommen!", "public", "")
	direct := anna.Post(t, "@brand Meine Bestellnummer ist 4711", "direct", "")
	var pub, dm *resonanz.Conversation
	waitLong(t, "both posts arrive", func() bool {
		pub, dm = conversationOf(t, m, srv.Host+"/"+public), conversationOf(t, m, srv.Host+"/"+direct)
		return pub != nil && dm != nil
	})
	t.Run("RightConversationsOneContact", func(t *testing.T) {
		if pub.ID == dm.ID || pub.ContactID != dm.ContactID || pub.Visibility != resonanz.Public || dm.Visibility != resonanz.Private {
			t.Fatalf("public %+v\ndirect %+v", pub, dm)
		}
	})

	reply := func(c *resonanz.Conversation, text, visibility string) {
		t.Helper()
		must(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/conversations/%d", m.URL(), c.ID)), chromedp.WaitVisible("#reply-text"),
			chromedp.Click("#reply-"+visibility), chromedp.SendKeys("#reply-text", text), chromedp.Click("#reply-send")))
		// The page after the post shows the reply; only then is the next navigation safe.
		waitFor(t, ctx, fmt.Sprintf(`document.readyState === "complete" && location.pathname === "/conversations/%d" && document.querySelector("#timeline").textContent.includes(%q)`, c.ID, text))
	}
	t.Run("RepliesReachTheCustomer", func(t *testing.T) {
		reply(pub, "Das tut uns leid, wir prüfen die Sendung.", "public")
		reply(dm, "Danke, Bestellung 4711 ist unterwegs.", "private")
		for _, tc := range []struct{ status, visibility, text string }{
			{public, "public", "wir prüfen die Sendung"}, {direct, "direct", "Bestellung 4711 ist unterwegs"}} {
			var replies []gtstest.Status
			waitLong(t, "the reply reaches "+tc.visibility, func() bool { replies = anna.Replies(t, tc.status); return len(replies) > 0 })
			if len(replies) != 1 || replies[0].Visibility != tc.visibility || !strings.Contains(replies[0].Content, tc.text) {
				t.Fatalf("anna sees under her %s post: %+v", tc.visibility, replies)
			}
		}
		must(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/conversations/%d", m.URL(), pub.ID)), chromedp.WaitVisible("#timeline")))
		waitFor(t, ctx, `document.querySelector(".delivery.d-sent a.sent-link") !== null`)
		if href := evalString(t, ctx, `document.querySelector(".delivery.d-sent a.sent-link").href`); !strings.HasPrefix(href, srv.URL) {
			t.Fatalf("the sent reply links to %q", href)
		}
	})

	t.Run("ServerDownThenBack", func(t *testing.T) {
		srv.Stop(t)
		reply(pub, "Nachtrag: die Sendung ist gefunden.", "public")
		waitLong(t, "the account turns red", func() bool {
			accounts, err := m.DB.FindChannelAccounts(bg)
			must(t, err)
			return len(accounts) == 1 && accounts[0].Health.Failing()
		})
		must(t, chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible("#timeline")))
		waitFor(t, ctx, `document.querySelector(".delivery.d-pending .reason") !== null && document.querySelector("#channel-failing") !== null`)
		if state := evalString(t, ctx, `document.querySelector(".delivery.d-pending").textContent`); !strings.Contains(state, "failed, trying again") {
			t.Fatalf("the waiting reply says %q", state)
		}
		srv.Restart(t)
		var replies []gtstest.Status
		waitLong(t, "the reply arrives after the restart", func() bool {
			replies = anna.Replies(t, public)
			return len(replies) >= 2
		})
		time.Sleep(2 * time.Second) // a second copy would come by now
		replies = anna.Replies(t, public)
		n := 0
		for _, r := range replies {
			if strings.Contains(r.Content, "die Sendung ist gefunden") {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("the reply arrived %d times", n)
		}
	})

	t.Run("RestartInBetween", func(t *testing.T) {
		must(t, m.Close())
		missed := anna.Post(t, "@brand Ich warte immer noch.", "public", "")
		m = startMainWith(t, m.Config)
		waitLong(t, "the post made while resonanz was down arrives", func() bool { return conversationOf(t, m, srv.Host+"/"+missed) != nil })
		page, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{Channel: "mastodon", Limit: 50})
		must(t, err)
		inbound := 0
		for _, c := range page.Conversations {
			tl, err := m.DB.Timeline(bg, c.ID)
			must(t, err)
			for _, e := range tl.Entries {
				if e.Message != nil && e.InConversation && e.Message.Direction == resonanz.Inbound {
					inbound++
				}
			}
		}
		if inbound != 3 {
			t.Fatalf("%d customer messages after the restart, want 3: nothing twice, nothing skipped", inbound)
		}
		logIn(t, ctx, m, admin)
	})
	t.Run("LinkTheSamePersonFromTheAPI", func(t *testing.T) {
		token, err := m.DB.CreateAPIToken(bg, "shop")
		must(t, err)
		sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "form", ExternalID: "form-1", Author: resonanz.Author{Handle: "anna@" + srv.Host},
			Text: "Ich hatte auch auf Mastodon geschrieben.", Visibility: resonanz.Private, Time: time.Now()})
		must(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/contacts/%d", m.URL(), pub.ContactID)), chromedp.WaitVisible("#contact-suggestions"),
			chromedp.Click("#contact-suggestions button.link-contact")))
		waitFor(t, ctx, `document.querySelectorAll("#contact-handles li").length === 2`)
		handles := evalString(t, ctx, `document.querySelector("#contact-handles").textContent`)
		timeline := evalString(t, ctx, `document.querySelector("#contact-timeline").textContent`)
		if !strings.Contains(handles, "@anna@"+srv.Host) || !strings.Contains(handles, "Web form") || !strings.Contains(timeline, "auch auf Mastodon") ||
			!strings.Contains(timeline, "Mein Paket ist nicht angekommen") {
			t.Fatalf("the person's page shows handles %q and timeline %q", handles, timeline)
		}
	})
}

// conversationOf returns the conversation of the message with the external id, or nil.
func conversationOf(t *testing.T, m *Main, externalID string) *resonanz.Conversation {
	t.Helper()
	hits, err := m.DB.FindConversations(context.Background(), resonanz.ConversationFilter{Channel: "mastodon", Limit: 50})
	must(t, err)
	for _, c := range hits.Conversations {
		tl, err := m.DB.Timeline(context.Background(), c.ID)
		must(t, err)
		for _, e := range tl.Entries {
			if e.Message != nil && e.Message.ExternalID == externalID && e.Message.ConversationID == c.ID {
				return c
			}
		}
	}
	return nil
}

// waitLong waits for a real server, which takes longer than resonanz alone.
func waitLong(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out: %s", what)
		}
	}
}
