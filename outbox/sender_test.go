package outbox_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/outbox"
	"github.com/resonanz/resonanz/store/storetest"
)

// board is a platform that only takes short public posts and answers
// with the scripted error.
type board struct {
	posts []*resonanz.Outgoing
	err   error
}

func (b *board) Caps() resonanz.ChannelCaps {
	return resonanz.ChannelCaps{PublicReply: true, MaxLength: 20}
}
func (b *board) Check(context.Context) error { return nil }
func (b *board) Receive(context.Context, string) (*resonanz.Received, error) {
	return &resonanz.Received{}, nil
}
func (b *board) Send(_ context.Context, out *resonanz.Outgoing) (*resonanz.Sent, error) {
	if b.err != nil {
		return nil, b.err
	}
	b.posts = append(b.posts, out)
	return &resonanz.Sent{ExternalID: "board/1"}, nil
}

func TestSender(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	sealer, err := channel.NewSealer(strings.Repeat("ab", 32))
	if err != nil {
		t.Fatal(err)
	}
	b := &board{}
	adapter := channel.Adapter{Kind: "board", New: func(*resonanz.ChannelAccount, map[string]string, *http.Client) (resonanz.Channel, error) {
		return b, nil
	}}
	r := channel.NewRegistry(db, sealer, http.DefaultClient, adapter)
	a := &resonanz.ChannelAccount{Kind: "board", Name: "Board", Settings: map[string]string{}}
	if err := db.CreateChannelAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	s := &outbox.Sender{Registry: r, Health: &channel.Health{Accounts: db, Logger: slog.New(slog.DiscardHandler)}, Gap: 50 * time.Millisecond}
	d := func(text string, public bool) *resonanz.OutboxDelivery {
		return &resonanz.OutboxDelivery{OutboxID: 9, AccountID: a.ID, Text: text, Public: public, ReplyTo: "board/0", Attempt: 1}
	}
	t.Run("OK", func(t *testing.T) {
		if _, err := s.SendReply(ctx, d("Danke!", true)); err != nil {
			t.Fatal(err)
		}
		if len(b.posts) != 1 || b.posts[0].Key != "resonanz-reply-9" || b.posts[0].ReplyTo != "board/0" {
			t.Fatalf("posted %+v", b.posts)
		}
	})
	for _, tc := range []struct {
		name string
		d    *resonanz.OutboxDelivery
	}{
		{"ErrTooLong", d(strings.Repeat("x", 21), true)},
		{"ErrNoDirectMessages", d("Danke!", false)},
		{"ErrAccountRemoved", &resonanz.OutboxDelivery{OutboxID: 9, AccountID: 999, Text: "Danke!", Public: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.SendReply(ctx, tc.d); !resonanz.IsPermanent(err) {
				t.Fatalf("err = %v, want a refusal that is not tried again", err)
			}
		})
	}
	t.Run("BusyPlatformIsNoFailure", func(t *testing.T) {
		b.err = &resonanz.RetryAfterError{Wait: time.Minute, Err: errors.New("429")}
		if _, err := s.SendReply(ctx, d("Danke!", true)); err == nil {
			t.Fatal("a 429 passed as sent")
		}
		if got, _ := db.FindChannelAccountByID(ctx, a.ID); got.Health.Failures != 0 {
			t.Fatalf("a 429 counts as a failure of the account: %+v", got.Health)
		}
	})
}
