package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// platform stands in for a channel account's platform: it answers each
// send with the next scripted outcome and remembers what it was given.
type platform struct {
	mu       sync.Mutex
	outcomes []error
	got      []*resonanz.OutboxDelivery
}

func (p *platform) SendReply(_ context.Context, d *resonanz.OutboxDelivery) (*resonanz.Sent, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.got = append(p.got, d)
	if len(p.outcomes) > 0 {
		err := p.outcomes[0]
		p.outcomes = p.outcomes[1:]
		if err != nil {
			return nil, err
		}
	}
	return &resonanz.Sent{ExternalID: "srv/9001", URL: "https://srv.example/@brand/9001"}, nil
}

func (p *platform) sends() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.got)
}

// waitOutbox waits until outbox item id reaches state.
func waitOutbox(t *testing.T, db *store.DB, id int64, state string) *resonanz.OutboxItem {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		item, err := db.FindOutboxItem(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if item.State == state {
			return item
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox item stays %q (%s), want %q", item.State, item.LastError, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestOutbox(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		live := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Brand", Settings: map[string]string{"server": "https://srv.example"}, SealedSecrets: []byte{1, 2}}
		demo := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Demo", Settings: map[string]string{}, Demo: true}
		for _, a := range []*resonanz.ChannelAccount{live, demo} {
			if err := db.CreateChannelAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		in := msg("mastodon", "srv/1", "@anna@srv.example", "Wo bleibt mein Paket?", 0)
		in.AccountID = live.ID
		dm := msg("mastodon", "srv/2", "@anna@srv.example", "Meine Adresse ist …", 1)
		dm.AccountID, dm.Visibility = live.ID, resonanz.Private
		fromDemo := msg("mastodon", "demo/1", "@ben@srv.example", "Hallo", 0)
		fromDemo.AccountID = demo.ID
		res := mustIngest(t, db, in, dm, fromDemo)
		if res[0].ConversationID == res[1].ConversationID {
			t.Fatal("a direct message joined the public thread: a reply there would go out publicly")
		}
		p := &platform{outcomes: []error{errors.New("connection refused"), nil}}
		startJobs(t, db, workers{replies: p, backoff: fast})

		t.Run("SentAfterARetry", func(t *testing.T) {
			item, err := db.Reply(ctx, res[0].ConversationID, agent, "Wir schauen nach!", true)
			if err != nil {
				t.Fatal(err)
			}
			if item.State != resonanz.OutboxPending || item.AccountID != live.ID {
				t.Fatalf("queued %+v", item)
			}
			sent := waitOutbox(t, db, item.ID, resonanz.OutboxSent)
			if sent.ExternalID != "srv/9001" || sent.URL == "" || sent.Attempts != 2 {
				t.Fatalf("sent %+v", sent)
			}
			d := p.got[len(p.got)-1]
			if d.ReplyTo != "srv/1" || d.Recipient != "@anna@srv.example" || !d.Public || d.Text != "Wir schauen nach!" || d.Attempt != 2 {
				t.Fatalf("delivery %+v", d)
			}
			// The customer answering the reply joins the same conversation.
			answer := msg("mastodon", "srv/3", "@anna@srv.example", "Danke!", 5)
			answer.ReplyTo, answer.AccountID = "srv/9001", live.ID
			if got := mustIngest(t, db, answer); got[0].ConversationID != res[0].ConversationID {
				t.Fatalf("answer to the reply went to conversation %d, want %d", got[0].ConversationID, res[0].ConversationID)
			}
		})
		t.Run("RefusedThenRetriedByAnAgent", func(t *testing.T) {
			p.mu.Lock()
			p.outcomes = []error{resonanz.Permanent(errors.New("401 The access token is invalid"))}
			p.mu.Unlock()
			item, err := db.Reply(ctx, res[1].ConversationID, agent, "Danke, notiert.", false)
			if err != nil {
				t.Fatal(err)
			}
			failed := waitOutbox(t, db, item.ID, resonanz.OutboxFailed)
			if failed.LastError != "401 The access token is invalid" || failed.Attempts != 1 {
				t.Fatalf("failed %+v", failed)
			}
			before := p.sends()
			if err := db.RetryReply(ctx, res[1].ConversationID, item.ID, agent); err != nil {
				t.Fatal(err)
			}
			waitOutbox(t, db, item.ID, resonanz.OutboxSent)
			if p.sends() != before+1 {
				t.Fatalf("%d sends for one retry", p.sends()-before)
			}
			if err := db.RetryReply(ctx, res[1].ConversationID, item.ID, agent); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("retrying a sent reply: %v", err)
			}
		})
		t.Run("DemoAccountHolds", func(t *testing.T) {
			item, err := db.Reply(ctx, res[2].ConversationID, agent, "Hallo Ben", true)
			if err != nil {
				t.Fatal(err)
			}
			if item.State != resonanz.OutboxHeld || item.LastError != "demo" {
				t.Fatalf("demo reply %+v", item)
			}
		})
		t.Run("AccountThatCannotReplyHolds", func(t *testing.T) {
			p.mu.Lock()
			p.outcomes = []error{resonanz.Held(resonanz.HeldNoReply)}
			p.mu.Unlock()
			before := p.sends()
			item, err := db.Reply(ctx, res[1].ConversationID, agent, "Bitte antworten Sie auf der Seite.", false)
			if err != nil {
				t.Fatal(err)
			}
			held := waitOutbox(t, db, item.ID, resonanz.OutboxHeld)
			if held.LastError != resonanz.HeldNoReply || held.Attempts != 1 {
				t.Fatalf("held %+v", held)
			}
			time.Sleep(100 * time.Millisecond) // pauses are 10 ms here: a retry would have come
			if p.sends() != before+1 {
				t.Fatalf("%d attempts at a reply the account cannot send, want 1", p.sends()-before)
			}
		})
		t.Run("TimelineShowsDeliveries", func(t *testing.T) {
			tl, err := db.Timeline(ctx, res[0].ConversationID)
			if err != nil {
				t.Fatal(err)
			}
			var sent int
			for _, e := range tl.Entries {
				if m := e.Message; m != nil && m.Direction == resonanz.Outbound && m.Delivery != nil && m.Delivery.State == resonanz.OutboxSent {
					sent++
				}
			}
			if sent != 2 {
				t.Fatalf("%d sent replies in the timeline, want 2", sent)
			}
		})
		t.Run("RemovedAccountFailsWaitingReplies", func(t *testing.T) {
			if err := db.SetChannelAccountPaused(ctx, live.ID, true); err != nil {
				t.Fatal(err)
			}
			item, err := db.Reply(ctx, res[0].ConversationID, agent, "Noch etwas", true)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.DeleteChannelAccount(ctx, live.ID); err != nil {
				t.Fatal(err)
			}
			if got := waitOutbox(t, db, item.ID, resonanz.OutboxFailed); got.LastError == "" {
				t.Fatalf("no reason given: %+v", got)
			}
		})
	})
}
