package feed_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/channel/feed"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/outbox"
	"github.com/resonanz/resonanz/store/storetest"
)

// TestFeedAccount: an admin connects a feed on the company's network; the
// poller brings each new entry once into the inbox, and a reply to it is
// held with the reason instead of failing again and again.
func TestFeedAccount(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	s := newSite(t)
	sealer, err := channel.NewSealer(strings.Repeat("ef", 32))
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.DiscardHandler)
	health := &channel.Health{Accounts: db, Logger: logger}
	r := channel.NewRegistry(db, sealer, loopback(t, 5*time.Second), feed.Adapter)
	t.Run("ErrInternalWithoutAllowance", func(t *testing.T) {
		guarded := channel.NewRegistry(db, sealer, channel.Outbound{}.Client(), feed.Adapter)
		err := guarded.Connect(ctx, &resonanz.ChannelAccount{Kind: "feed", Name: "Intern"}, map[string]string{"url": s.srv.URL + "/feed.xml"})
		if err == nil || !strings.Contains(err.Error(), "internal") {
			t.Fatalf("err = %v, want the internal address refused", err)
		}
	})
	a := &resonanz.ChannelAccount{Kind: "feed", Name: "Forum"}
	if err := r.Connect(ctx, a, map[string]string{"url": s.srv.URL + "/feed.xml", "channel": "forum", "every": "0"}); err != nil {
		t.Fatal(err)
	}
	p := &channel.Poller{Registry: r, Ingest: db, Health: health, Logger: logger, MaxPages: 1}
	conversations := func() []*resonanz.Conversation {
		page, err := db.FindConversations(ctx, resonanz.ConversationFilter{Channel: "forum", Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		return page.Conversations
	}
	p.Round(ctx)
	s.add("t-1", "Abholung klappt nicht", "Die Abholstation zeigt einen Fehler.", "Kim")
	s.add("t-2", "Gutschein", "Der Gutschein wird abgelehnt.", "")
	p.Round(ctx)
	p.Round(ctx)
	got := conversations()
	if len(got) != 2 {
		t.Fatalf("%d forum conversations, want 2 (each entry once)", len(got))
	}
	tl, err := db.Timeline(ctx, got[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if m := tl.Entries[0].Message; !m.Unaddressed || m.Visibility != resonanz.Public {
		t.Fatalf("%+v", m)
	}
	t.Run("ReplyIsHeld", func(t *testing.T) {
		storetest.StartJobs(t, db, func(q *jobs.Queue) {
			jobs.Add(q, &outbox.Worker{Replies: db, Sender: &outbox.Sender{Registry: r, Health: health}})
		})
		agent := &resonanz.User{Login: "tom", Name: "Tom", Role: resonanz.RoleAgent}
		if err := db.CreateUser(ctx, agent, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		item, err := db.Reply(ctx, got[0].ID, agent, "Danke für den Hinweis!", true)
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for item.State != resonanz.OutboxHeld && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			if item, err = db.FindOutboxItem(ctx, item.ID); err != nil {
				t.Fatal(err)
			}
		}
		if item.State != resonanz.OutboxHeld || item.LastError != resonanz.HeldNoReply || item.Attempts != 1 {
			t.Fatalf("reply %+v, want held because a feed cannot reply", item)
		}
		if acc, _ := db.FindChannelAccountByID(ctx, a.ID); acc.Health.Failures != 0 {
			t.Fatalf("a held reply counts as a failure of the account: %+v", acc.Health)
		}
	})
}
