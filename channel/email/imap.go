package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/mail/smtp"
)

// imapTimeout bounds one IMAP command (a fetch of a large mail included).
const imapTimeout = 2 * time.Minute

// withIMAP runs f on the kept IMAP connection, connecting first if there is
// none; an error drops the connection, so the next call starts afresh.
func (c *Channel) withIMAP(ctx context.Context, f func(*client.Client) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		select {
		case <-c.conn.LoggedOut():
			c.conn = nil
		default:
		}
	}
	if c.conn == nil {
		cl, err := c.connect(ctx)
		if err != nil {
			return err
		}
		c.conn = cl
	}
	// A cancelled ctx breaks off a command under way.
	cl := c.conn
	stop := context.AfterFunc(ctx, func() { cl.Terminate() })
	err := f(cl)
	if !stop() || err != nil {
		cl.Terminate()
		c.conn = nil
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return err
}

// connect dials the IMAP server, with TLS from the start on port 993 and
// STARTTLS elsewhere, and logs in. The password never goes unencrypted to
// another machine: a server without TLS is refused unless it is this one.
func (c *Channel) connect(ctx context.Context) (*client.Client, error) {
	host, port, _ := net.SplitHostPort(c.imapAddr)
	conn, err := c.dial(ctx, "tcp", c.imapAddr)
	if err != nil {
		return nil, fmt.Errorf("IMAP %s: %w", c.imapAddr, err)
	}
	secure := port == "993"
	if secure {
		tc := tls.Client(conn, &tls.Config{ServerName: host})
		hctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := tc.HandshakeContext(hctx); err != nil {
			conn.Close()
			return nil, fmt.Errorf("IMAP %s: %w", c.imapAddr, err)
		}
		conn = tc
	}
	conn.SetDeadline(time.Now().Add(imapTimeout))
	cl, err := client.New(conn)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("IMAP %s: %w", c.imapAddr, err)
	}
	cl.Timeout = imapTimeout
	cl.ErrorLog = quiet // a dropped connection is reported by the next command
	fail := func(err error) (*client.Client, error) {
		cl.Terminate()
		return nil, err
	}
	if !secure && !smtp.IsLoopback(host) {
		if ok, _ := cl.SupportStartTLS(); !ok {
			return fail(resonanz.Permanent(fmt.Errorf("%s offers no TLS: the IMAP password is not sent in clear text", host)))
		}
		if err := cl.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return fail(fmt.Errorf("IMAP %s STARTTLS: %w", c.imapAddr, err))
		}
	}
	if err := cl.Login(c.user, c.password); err != nil {
		return fail(loginError(err))
	}
	return cl, nil
}

// quiet discards what the IMAP client would print.
var quiet = log.New(io.Discard, "", 0)

// loginError marks a refused login permanent: trying again with the same
// password does not help, and servers lock accounts that keep trying.
func loginError(err error) error {
	var netErr net.Error
	if errors.As(err, &netErr) || strings.Contains(err.Error(), "connection") {
		return fmt.Errorf("IMAP login: %w", err)
	}
	return resonanz.Permanent(fmt.Errorf("IMAP login refused (check user name and password): %w", err))
}

// examine opens a mailbox read-only, for its UIDVALIDITY and UIDNEXT as they are now.
func examine(cl *client.Client, box string) (*imap.MailboxStatus, error) {
	status, err := cl.Select(box, true)
	if err != nil {
		return nil, fmt.Errorf("mailbox %q: %w", box, err)
	}
	return status, nil
}
