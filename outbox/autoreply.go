package outbox

import (
	"context"
	"errors"
	"time"

	"github.com/resonanz/resonanz"
)

// autoReplier is a channel that can send a mail of its own accord.
type autoReplier interface {
	SendAutoReply(ctx context.Context, r *resonanz.AutoReply) error
}

// SendAutoReply sends an automatic mail through the email account that
// answers for the web forms; Held(HeldNoEmail) when there is none, and a
// retry-later error when it is paused: the caller decides what to do.
func (s *Sender) SendAutoReply(ctx context.Context, r *resonanz.AutoReply) error {
	ch, a, err := s.via(ctx, "email", r.To)
	if err != nil {
		return err
	}
	mailer, ok := ch.(autoReplier)
	if !ok {
		return resonanz.Permanent(errors.New("the email account cannot send automatic mails"))
	}
	if err := s.wait(ctx, a.ID); err != nil {
		return err
	}
	err = mailer.SendAutoReply(ctx, r)
	s.Health.Record(ctx, a, err, time.Time{})
	return err
}
