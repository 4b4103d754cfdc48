package alertmail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// Sender makes one attempt at sending an alert mail through an SMTP server.
type Sender struct {
	Addr string // HOST:PORT; port 465 speaks TLS from the start, others upgrade with STARTTLS when offered
	From string
	// User and Password log in with PLAIN, only over TLS or to this machine.
	User, Password string
	Now            func() time.Time
}

// Send delivers m once. A refusal by the server (a 5xx answer) or a login
// that would go unencrypted gives a Permanent error.
func (s *Sender) Send(ctx context.Context, m resonanz.AlertMail) error {
	err := s.send(ctx, m)
	var reply *textproto.Error
	if errors.As(err, &reply) && reply.Code >= 500 {
		return resonanz.Permanent(err)
	}
	return err
}

func (s *Sender) send(ctx context.Context, m resonanz.AlertMail) error {
	host, port, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return resonanz.Permanent(err)
	}
	tlsConfig := &tls.Config{ServerName: host}
	dialer := &net.Dialer{Timeout: 30 * time.Second}
	var conn net.Conn
	if port == "465" {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: tlsConfig}).DialContext(ctx, "tcp", s.Addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", s.Addr)
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(2 * time.Minute)
	}
	conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return err
	}
	defer c.Close()
	secure := port == "465"
	if ok, _ := c.Extension("STARTTLS"); ok && !secure {
		if err := c.StartTLS(tlsConfig); err != nil {
			return err
		}
		secure = true
	}
	if s.User != "" {
		if !secure && !isLoopback(host) {
			return resonanz.Permanent(fmt.Errorf("%s offers no TLS: the SMTP password is not sent in clear text", host))
		}
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, host)); err != nil {
			return err
		}
	}
	if err := c.Mail(s.From); err != nil {
		return err
	}
	for _, to := range m.To {
		if err := c.Rcpt(to); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(s.message(m)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// message is the mail with its headers; the body is quoted-printable, so
// umlauts and long links pass any server.
func (s *Sender) message(m resonanz.AlertMail) []byte {
	var b bytes.Buffer
	domain := s.From[strings.LastIndexByte(s.From, '@')+1:]
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", s.From, strings.Join(m.To, ", "),
		mime.QEncoding.Encode("utf-8", m.Subject), s.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <resonanz-alert-%d.%d@%s>\r\n", m.AlertID, m.ID, domain)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(m.Body))
	qp.Close()
	return b.Bytes()
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}
