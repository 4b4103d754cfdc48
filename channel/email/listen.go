package email

import (
	"context"
	"errors"
	"time"

	"github.com/emersion/go-imap/client"
)

// Listen holds a second IMAP connection in IDLE on the first mailbox and
// calls wake whenever a mail arrives there, so that the poller fetches it
// at once; the other mailboxes are polled. The cursor stays the one truth:
// IDLE only says when to look. It returns when ctx ends, the connection
// breaks, or the server offers no IDLE (then polling alone goes on).
func (c *Channel) Listen(ctx context.Context, wake func()) error {
	cl, err := c.connect(ctx)
	if err != nil {
		return err
	}
	defer cl.Terminate()
	if ok, err := cl.Support("IDLE"); err != nil {
		return err
	} else if !ok {
		return errors.New("the IMAP server offers no IDLE: polling only")
	}
	updates := make(chan client.Update, 64)
	cl.Updates = updates
	if _, err := examine(cl, c.mailboxes[0]); err != nil {
		return err
	}
	// News from now on only: what the SELECT said is the poller's to fetch.
	for len(updates) > 0 {
		<-updates
	}
	cl.Timeout = 0 // IDLE waits as long as it must; the server's ping or ctx ends it
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		// IDLE is renewed before the 29 minutes after which servers may end it.
		done <- cl.Idle(stop, &client.IdleOptions{LogoutTimeout: 20 * time.Minute, PollInterval: -1})
	}()
	for {
		select {
		case u := <-updates:
			if _, ok := u.(*client.MailboxUpdate); ok {
				wake()
			}
		case err := <-done:
			if err == nil {
				err = errors.New("IDLE ended")
			}
			return err
		case <-ctx.Done():
			close(stop)
			cl.Terminate()
			return ctx.Err()
		}
	}
}
