package source_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/channel/source"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/outbox"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

// shop is the company's shop on loopback: it checks the signature of each
// reply resonanz posts back, and fails the first attempt.
type shop struct {
	mu      sync.Mutex
	replies []source.Reply
	keys    []string
	failed  bool
}

func (s *shop) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if r.Header.Get(source.HeaderSignature) != source.Sign([]byte(testSecret), body) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, r.Header.Get(source.HeaderDelivery))
	if !s.failed {
		s.failed = true
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	var rep source.Reply
	json.Unmarshal(body, &rep)
	s.replies = append(s.replies, rep)
	w.Write([]byte(`{"id": "r-9", "url": "https://shop.example/orders/4711#r-9"}`))
}

func waitState(t *testing.T, db *store.DB, id int64, state string) *resonanz.OutboxItem {
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
			t.Fatalf("reply stays %q (%s), want %q", item.State, item.LastError, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRepliesPostedBack: a customer's message pushed by the shop gets a
// reply posted back to the shop, signed, with one key on every attempt;
// the customer's answer to that reply joins the conversation. A source
// without a reply address holds the reply.
func TestRepliesPostedBack(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	s := &shop{}
	srv := httptest.NewServer(s)
	defer srv.Close()
	allow, _ := channel.ParseAllow([]string{"127.0.0.1"})
	sealer, err := channel.NewSealer(strings.Repeat("12", 32))
	if err != nil {
		t.Fatal(err)
	}
	r := channel.NewRegistry(db, sealer, channel.Outbound{Allow: allow, Timeout: 5 * time.Second}.Client(), source.Adapter)
	logger := slog.New(slog.DiscardHandler)
	storetest.StartJobs(t, db, func(q *jobs.Queue) {
		jobs.Add(q, &outbox.Worker{Replies: db, Sender: &outbox.Sender{Registry: r, Health: &channel.Health{Accounts: db, Logger: logger}},
			Backoff: func(int) time.Duration { return 10 * time.Millisecond }})
	})
	agent := &resonanz.User{Login: "tom", Name: "Tom", Role: resonanz.RoleAgent}
	if err := db.CreateUser(ctx, agent, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	connect := func(name, replyURL string) *source.Channel {
		a := &resonanz.ChannelAccount{Kind: "source", Name: name}
		if err := r.Connect(ctx, a, map[string]string{"secret": testSecret, "reply_url": replyURL}); err != nil {
			t.Fatal(err)
		}
		hook, err := r.Webhook(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return hook.(*source.Channel)
	}
	push := func(c *source.Channel, body string) resonanz.IngestResult {
		t.Helper()
		msgs, err := c.ParseWebhook([]byte(body), source.Sign([]byte(testSecret), []byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.Ingest(ctx, msgs)
		if err != nil {
			t.Fatal(err)
		}
		return res[0]
	}
	shopSource := connect("Shop", srv.URL+"/replies")
	first := push(shopSource, `{"messages": [{"id": "order-4711-1", "text": "Wo bleibt meine Bestellung?", "customer": {"id": "K-1001", "name": "Kim"}}]}`)

	t.Run("PostedBackSigned", func(t *testing.T) {
		item, err := db.Reply(ctx, first.ConversationID, agent, "Ihr Paket ist unterwegs.", false)
		if err != nil {
			t.Fatal(err)
		}
		sent := waitState(t, db, item.ID, resonanz.OutboxSent)
		if sent.ExternalID != "src1:r-9" || sent.URL != "https://shop.example/orders/4711#r-9" || sent.Attempts != 2 {
			t.Fatalf("sent %+v", sent)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if len(s.replies) != 1 || s.replies[0].ReplyTo != "order-4711-1" || s.replies[0].Customer != "K-1001" || s.replies[0].Text != "Ihr Paket ist unterwegs." {
			t.Fatalf("the shop got %+v", s.replies)
		}
		if len(s.keys) != 2 || s.keys[0] != s.keys[1] || s.keys[0] == "" {
			t.Fatalf("delivery keys %q: want one key on both attempts", s.keys)
		}
	})
	t.Run("AnswerJoinsTheConversation", func(t *testing.T) {
		answer := push(shopSource, `{"messages": [{"id": "order-4711-2", "text": "Danke!", "customer": {"id": "K-1001"}, "reply_to": "r-9"}]}`)
		if answer.ConversationID != first.ConversationID {
			t.Fatalf("the answer went to conversation %d, want %d", answer.ConversationID, first.ConversationID)
		}
	})
	t.Run("WithoutReplyAddressHeld", func(t *testing.T) {
		crm := connect("CRM", "")
		res := push(crm, `{"messages": [{"id": "n-1", "text": "Rückruf erbeten", "customer": {"email": "ben@example.org"}}]}`)
		item, err := db.Reply(ctx, res.ConversationID, agent, "Wir rufen an.", false)
		if err != nil {
			t.Fatal(err)
		}
		if held := waitState(t, db, item.ID, resonanz.OutboxHeld); held.LastError != resonanz.HeldNoReply {
			t.Fatalf("held %+v", held)
		}
	})
	t.Run("InternalReplyAddressRefused", func(t *testing.T) {
		c, err := source.New(&resonanz.ChannelAccount{ID: 9, Kind: "source", Settings: map[string]string{"reply_url": srv.URL}},
			map[string]string{"secret": testSecret}, channel.Outbound{}.Client())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Send(ctx, &resonanz.Outgoing{Key: "k", Text: "x"}); !errors.Is(err, channel.ErrInternalTarget) {
			t.Fatalf("err = %v, want the internal address refused", err)
		}
	})
}
