package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel/mastodon/gtstest"
)

// TestMastodonBulkReply: a crisis bulk reply to 50 customers on a real
// server arrives once under each customer's post, and not at all for the
// one who asked not to be contacted.
func TestMastodonBulkReply(t *testing.T) {
	const customers = 50
	names := []string{"brand"}
	for i := range customers {
		names = append(names, fmt.Sprintf("kunde%02d", i))
	}
	srv := gtstest.Start(t, names...)
	m := startMainWith(t, Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), AllowOutbound: []string{"127.0.0.1"}, PollInterval: 200 * time.Millisecond,
		DeliveryBackoff: func(int) time.Duration { return 300 * time.Millisecond }})
	t.Cleanup(func() { m.Close() })
	ctx := context.Background()
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	account := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Beispiel-Shop"}
	must(t, m.Channels.Connect(ctx, account, map[string]string{"server": srv.URL, "token": srv.Account(t, "brand").Token}))

	posts := map[string]string{} // customer → their post
	accounts := map[string]*gtstest.Account{}
	for _, name := range names[1:] {
		accounts[name] = srv.Account(t, name)
		posts[name] = accounts[name].Post(t, "@brand Die App stürzt seit dem Update ab!", "public", "")
	}
	var ids []int64
	waitLong(t, "every post arrives", func() bool {
		ids = messageIDs(t, m, srv.Host, posts)
		return len(ids) == customers
	})
	alert := &resonanz.Alert{Key: "app", Severity: 3, Count: customers, Window: time.Hour, Expected: 2, Ratio: 25, Channels: 1, Authors: customers,
		FirstSeen: time.Now().Add(-time.Hour), LastSeen: time.Now()}
	must(t, m.DB.SaveAlert(ctx, alert))
	must(t, m.DB.LinkAlertMessages(ctx, alert.ID, ids))
	optedOut := conversationOf(t, m, srv.Host+"/"+posts["kunde07"])
	must(t, m.DB.RecordWish(ctx, optedOut.ID, lead, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied, Reason: "per Telefon widersprochen"}))

	must(t, m.DB.SetStatement(ctx, alert.ID, lead, resonanz.Statement{Text: "Der Fehler ist behoben.", Public: true})) // answered where they wrote: publicly
	sent, err := m.DB.SendBulkReply(ctx, alert.ID, lead, resonanz.BulkDraft{Templates: map[string]string{resonanz.VariantSie: "Hallo {name}, der Fehler ist behoben. Danke für Ihre Geduld!"}}, "bulk-1")
	must(t, err)
	if sent.Sent != customers-1 || sent.Skipped != 1 {
		t.Fatalf("bulk reply to %d, skipped %d", sent.Sent, sent.Skipped)
	}
	waitLong(t, "every bulk reply leaves", func() bool {
		accts, err := m.DB.FindChannelAccounts(ctx)
		must(t, err)
		return accts[0].Health.Backlog == 0
	})
	for name, post := range posts {
		replies := accounts[name].Replies(t, post)
		want := 1
		if name == "kunde07" {
			want = 0
		}
		if len(replies) != want {
			t.Fatalf("%s got %d replies, want %d", name, len(replies), want)
		}
		if want == 1 && (!strings.Contains(replies[0].Content, "der Fehler ist behoben") || replies[0].Visibility != "public") {
			t.Fatalf("%s got %+v", name, replies[0])
		}
	}
}

// messageIDs returns the ids of the stored messages of the given posts.
func messageIDs(t *testing.T, m *Main, host string, posts map[string]string) []int64 {
	t.Helper()
	var ids []int64
	page, err := m.DB.FindConversations(context.Background(), resonanz.ConversationFilter{Channel: "mastodon", Limit: 200})
	must(t, err)
	want := map[string]bool{}
	for _, p := range posts {
		want[host+"/"+p] = true
	}
	for _, c := range page.Conversations {
		tl, err := m.DB.Timeline(context.Background(), c.ID)
		must(t, err)
		for _, e := range tl.Entries {
			if e.Message != nil && e.InConversation && want[e.Message.ExternalID] {
				ids = append(ids, e.Message.ID)
			}
		}
	}
	return ids
}
