// Package smtp hands mail to an SMTP server for delivery: TLS from the start
// on port 465, STARTTLS where the server offers it, and a login only over
// TLS or to this machine. The alert mails and the email channel both send
// through it.
package smtp

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	netsmtp "net/smtp"
	"net/textproto"
	"time"

	"github.com/resonanz/resonanz"
)

// Client sends mail through one server.
type Client struct {
	Addr string // HOST:PORT
	// User and Password log in with PLAIN, only over TLS or to this machine.
	User, Password string
	// Dial opens the connection; nil dials directly. The email channel
	// passes the guarded dialer of its outbound requests.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Send delivers msg (headers and body, CRLF line ends) from the envelope
// sender from to the recipients, in one attempt. A refusal (a 5xx answer) or
// a login that would go unencrypted gives a resonanz.Permanent error.
func (c *Client) Send(ctx context.Context, from string, to []string, msg []byte) error {
	err := c.send(ctx, from, to, msg)
	var reply *textproto.Error
	if errors.As(err, &reply) && reply.Code >= 500 {
		return resonanz.Permanent(err)
	}
	return err
}

func (c *Client) send(ctx context.Context, from string, to []string, msg []byte) error {
	s, err := c.session(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Mail(from); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := s.Rcpt(rcpt); err != nil {
			return err
		}
	}
	w, err := s.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return s.Quit()
}

// Check greets the server, with TLS and the login as for a mail, and sends nothing.
func (c *Client) Check(ctx context.Context) error {
	s, err := c.session(ctx)
	if err != nil {
		var reply *textproto.Error
		if errors.As(err, &reply) && reply.Code >= 500 {
			return resonanz.Permanent(err)
		}
		return err
	}
	defer s.Close()
	return s.Quit()
}

// session connects, upgrades to TLS where it can and logs in.
func (c *Client) session(ctx context.Context) (*netsmtp.Client, error) {
	conn, host, secure, err := c.connect(ctx)
	if err != nil {
		return nil, err
	}
	s, err := netsmtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return nil, err
	}
	// On this machine the mail never crosses a wire, and a local relay's
	// certificate rarely names "localhost": no STARTTLS there.
	if ok, _ := s.Extension("STARTTLS"); ok && !secure && !IsLoopback(host) {
		if err := s.StartTLS(&tls.Config{ServerName: host}); err != nil {
			s.Close()
			return nil, err
		}
		secure = true
	}
	if c.User != "" {
		if !secure && !IsLoopback(host) {
			s.Close()
			return nil, resonanz.Permanent(fmt.Errorf("%s offers no TLS: the SMTP password is not sent in clear text", host))
		}
		if err := s.Auth(plainAuth{user: c.User, password: c.Password}); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// connect dials the server, with TLS from the start on port 465, and bounds
// the whole conversation by ctx's deadline or two minutes.
func (c *Client) connect(ctx context.Context) (conn net.Conn, host string, secure bool, err error) {
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return nil, "", false, resonanz.Permanent(fmt.Errorf("the SMTP server %q is not HOST:PORT", c.Addr))
	}
	dial := c.Dial
	if dial == nil {
		dial = (&net.Dialer{Timeout: 30 * time.Second}).DialContext
	}
	if conn, err = dial(ctx, "tcp", c.Addr); err != nil {
		return nil, "", false, err
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(2 * time.Minute)
	}
	conn.SetDeadline(deadline)
	if port == "465" {
		tc := tls.Client(conn, &tls.Config{ServerName: host})
		if err := tc.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, "", false, err
		}
		return tc, host, true, nil
	}
	return conn, host, false, nil
}

// plainAuth is PLAIN (RFC 4616). The checks of net/smtp's PlainAuth are
// made by send, which also allows a login to this machine by address.
type plainAuth struct{ user, password string }

func (a plainAuth) Start(*netsmtp.ServerInfo) (string, []byte, error) {
	return "PLAIN", []byte("\x00" + a.user + "\x00" + a.password), nil
}

func (a plainAuth) Next(_ []byte, more bool) ([]byte, error) {
	if more {
		return nil, errors.New("unexpected server challenge")
	}
	return nil, nil
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}
