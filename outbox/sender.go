// Package outbox sends the agents' replies through the channel account of
// their conversation, at the pace each account allows, and keeps the
// accounts' health.
package outbox

import (
	"context"
	"fmt"
	"net/mail"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
)

// Sender is the resonanz.ReplySender of the outbox jobs.
type Sender struct {
	Registry *channel.Registry
	Health   *channel.Health
	// Gap is the least time between two sends of one account, so that a
	// bulk reply to hundreds does not trip the platform's spam guard.
	Gap time.Duration

	mu   sync.Mutex
	last map[int64]time.Time
}

// SendReply sends one queued reply. An account that cannot answer at all
// holds the reply (resonanz.Held) rather than failing it again and again;
// an account whose replies go by another kind of account (a web form's go
// by email) hands the reply to one of that kind.
func (s *Sender) SendReply(ctx context.Context, d *resonanz.OutboxDelivery) (*resonanz.Sent, error) {
	ch, a, err := s.Registry.Open(ctx, d.AccountID)
	if resonanz.ErrorCode(err) == resonanz.ENOTFOUND {
		return nil, resonanz.Permanent(err)
	} else if err != nil {
		return nil, err
	}
	out := &resonanz.Outgoing{Key: fmt.Sprintf("resonanz-reply-%d", d.OutboxID), Text: d.Text, Public: d.Public,
		ReplyTo: d.ReplyTo, Recipient: d.Recipient, Attempt: d.Attempt, QueuedAt: d.QueuedAt}
	caps := ch.Caps()
	switch {
	case caps.ReplyVia != "":
		if ch, a, err = s.via(ctx, caps.ReplyVia, d.Recipient); err != nil {
			return nil, err
		}
		caps = ch.Caps()
		out.ReplyTo = "" // the customer's message is not one of the other account's
	case !caps.PublicReply && !caps.DirectMessage:
		return nil, resonanz.Held(resonanz.HeldNoReply)
	}
	if a.Kind == "email" && d.Footer != "" {
		out.Text += "\n\n" + d.Footer
	}
	if n := utf8.RuneCountInString(out.Text); caps.MaxLength > 0 && n > caps.MaxLength {
		return nil, resonanz.Permanent(fmt.Errorf("the reply has %d characters, the account allows %d", n, caps.MaxLength))
	}
	if !d.Public && !caps.DirectMessage || d.Public && !caps.PublicReply {
		return nil, resonanz.Permanent(fmt.Errorf("the account cannot send this kind of reply"))
	}
	if err := s.wait(ctx, a.ID); err != nil {
		return nil, err
	}
	sent, err := ch.Send(ctx, out)
	if _, busy := resonanz.RetryAfter(err); !busy {
		s.Health.Record(ctx, a, err, time.Time{})
	}
	return sent, err
}

// via opens the account of the given kind that sends another account's
// replies: the first by name that is neither paused nor a demo. A paused
// one makes the reply wait, as replies of a paused account do.
func (s *Sender) via(ctx context.Context, kind, recipient string) (resonanz.Channel, *resonanz.ChannelAccount, error) {
	if _, err := mail.ParseAddress(recipient); kind == "email" && err != nil {
		return nil, nil, resonanz.Held(resonanz.HeldNoAddress)
	}
	accounts, err := s.Registry.Accounts.FindChannelAccounts(ctx)
	if err != nil {
		return nil, nil, err
	}
	paused := false
	for _, a := range accounts {
		switch {
		case a.Kind != kind || a.Demo:
		case a.Paused:
			paused = true
		default:
			return s.Registry.Open(ctx, a.ID)
		}
	}
	if paused {
		return nil, nil, &resonanz.RetryAfterError{Wait: time.Minute, Err: fmt.Errorf("the %s account is paused", kind)}
	}
	return nil, nil, resonanz.Held(resonanz.HeldNoEmail)
}

// wait keeps the gap between two sends of one account.
func (s *Sender) wait(ctx context.Context, accountID int64) error {
	s.mu.Lock()
	if s.last == nil {
		s.last = map[int64]time.Time{}
	}
	at := s.last[accountID].Add(s.Gap)
	now := time.Now()
	if at.Before(now) {
		at = now
	}
	s.last[accountID] = at
	s.mu.Unlock()
	select {
	case <-time.After(time.Until(at)):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
