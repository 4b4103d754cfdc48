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

// mailer is an email account that takes every private reply.
type mailer struct{ got []*resonanz.Outgoing }

func (m *mailer) Caps() resonanz.ChannelCaps  { return resonanz.ChannelCaps{DirectMessage: true} }
func (m *mailer) Check(context.Context) error { return nil }
func (m *mailer) Receive(context.Context, string) (*resonanz.Received, error) {
	return &resonanz.Received{}, nil
}
func (m *mailer) Send(_ context.Context, out *resonanz.Outgoing) (*resonanz.Sent, error) {
	m.got = append(m.got, out)
	return &resonanz.Sent{ExternalID: "<reply@example.com>"}, nil
}

// listener stands for accounts that only take in: a feed, or a web form
// whose replies go by email.
type listener struct{ caps resonanz.ChannelCaps }

func (l listener) Caps() resonanz.ChannelCaps  { return l.caps }
func (l listener) Check(context.Context) error { return nil }
func (l listener) Receive(context.Context, string) (*resonanz.Received, error) {
	return &resonanz.Received{}, nil
}
func (l listener) Send(context.Context, *resonanz.Outgoing) (*resonanz.Sent, error) {
	return nil, errors.New("a listening account was asked to send")
}

// TestSenderHoldsWhatCannotLeave: an account without any way to reply holds
// the reply; a form's reply goes by the email account, and waits for one.
func TestSenderHoldsWhatCannotLeave(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	sealer, err := channel.NewSealer(strings.Repeat("ab", 32))
	if err != nil {
		t.Fatal(err)
	}
	m := &mailer{}
	adapter := func(kind string, ch resonanz.Channel) channel.Adapter {
		return channel.Adapter{Kind: kind, New: func(*resonanz.ChannelAccount, map[string]string, *http.Client) (resonanz.Channel, error) {
			return ch, nil
		}}
	}
	r := channel.NewRegistry(db, sealer, http.DefaultClient, adapter("feed", listener{}),
		adapter("form", listener{resonanz.ChannelCaps{ReplyVia: "email"}}), adapter("email", m))
	account := func(kind, name string) *resonanz.ChannelAccount {
		a := &resonanz.ChannelAccount{Kind: kind, Name: name, Settings: map[string]string{}}
		if err := db.CreateChannelAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	feed, form := account("feed", "Bewertungen"), account("form", "Kontakt")
	s := &outbox.Sender{Registry: r, Health: &channel.Health{Accounts: db, Logger: slog.New(slog.DiscardHandler)}}
	reply := func(accountID int64, recipient string) *resonanz.OutboxDelivery {
		return &resonanz.OutboxDelivery{OutboxID: 7, AccountID: accountID, Text: "Danke!", ReplyTo: "form:abc", Recipient: recipient, Attempt: 1}
	}
	held := func(t *testing.T, err error, want string) {
		t.Helper()
		if reason, ok := resonanz.HeldReason(err); !ok || reason != want {
			t.Fatalf("err = %v, want held for %q", err, want)
		}
	}
	t.Run("FeedHolds", func(t *testing.T) {
		d := reply(feed.ID, "example.org/kim")
		d.Public = true
		_, err := s.SendReply(ctx, d)
		held(t, err, resonanz.HeldNoReply)
	})
	t.Run("FormWithoutEmailAccountHolds", func(t *testing.T) {
		_, err := s.SendReply(ctx, reply(form.ID, "kim@example.org"))
		held(t, err, resonanz.HeldNoEmail)
	})
	mail := account("email", "Postfach")
	t.Run("FormWithoutAddressHolds", func(t *testing.T) {
		_, err := s.SendReply(ctx, reply(form.ID, "kiosk:7f3a"))
		held(t, err, resonanz.HeldNoAddress)
	})
	t.Run("FormRepliesByEmail", func(t *testing.T) {
		if _, err := s.SendReply(ctx, reply(form.ID, "kim@example.org")); err != nil {
			t.Fatal(err)
		}
		if len(m.got) != 1 || m.got[0].Recipient != "kim@example.org" || m.got[0].ReplyTo != "" || m.got[0].Public {
			t.Fatalf("mailed %+v", m.got)
		}
	})
	t.Run("PausedEmailAccountWaits", func(t *testing.T) {
		if err := db.SetChannelAccountPaused(ctx, mail.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SendReply(ctx, reply(form.ID, "kim@example.org")); err == nil {
			t.Fatal("sent through a paused account")
		} else if _, wait := resonanz.RetryAfter(err); !wait {
			t.Fatalf("err = %v, want to wait for the account", err)
		}
	})
}
