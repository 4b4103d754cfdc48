package alertmail

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/mail/smtp"
)

// Sender makes one attempt at sending an alert mail through an SMTP server.
type Sender struct {
	Addr string // HOST:PORT; port 465 speaks TLS from the start, others upgrade with STARTTLS when offered
	From string
	// User and Password log in with PLAIN, only over TLS or to this machine.
	User, Password string
	Now            func() time.Time
}

// SendAlertMail delivers m once. A refusal by the server (a 5xx answer) or a login
// that would go unencrypted gives a Permanent error.
func (s *Sender) SendAlertMail(ctx context.Context, m resonanz.AlertMail) error {
	c := &smtp.Client{Addr: s.Addr, User: s.User, Password: s.Password}
	return c.Send(ctx, s.From, m.To, s.message(m))
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
