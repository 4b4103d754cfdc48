// Package email connects a company mailbox: mails in by IMAP (IDLE where
// the server offers it, polling anyway), replies out by SMTP submission,
// threaded with Message-ID, In-Reply-To and References, with a copy in the
// Sent folder when one is named. Auto-replies and bounces never become
// messages, so resonanz never answers a machine and no mail loop can start.
package email

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/mail"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/client"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/mail/smtp"
)

// Adapter connects email accounts.
var Adapter = channel.Adapter{
	Kind:  "email",
	Label: "E-Mail",
	Fields: []channel.Field{
		{Name: "address", Label: "channel.field.address", Required: true, Example: "service@shop.example"},
		{Name: "from_name", Label: "channel.field.from_name", Example: "Beispiel-Shop Kundenservice"},
		{Name: "imap_server", Label: "channel.field.imap_server", Required: true, Example: "imap.shop.example:993"},
		{Name: "smtp_server", Label: "channel.field.smtp_server", Required: true, Example: "smtp.shop.example:587"},
		{Name: "username", Label: "channel.field.username", Example: "service@shop.example"},
		{Name: "password", Label: "channel.field.password", Secret: true, Required: true},
		{Name: "mailboxes", Label: "channel.field.mailboxes", Example: "INBOX, Reklamationen"},
		{Name: "sent_folder", Label: "channel.field.sent_folder", Example: "Sent"},
	},
	New: New,
}

// Channel is one connected mailbox.
type Channel struct {
	address    string // the company's address, lower case
	fromName   string
	imapAddr   string
	smtp       *smtp.Client
	user       string
	password   string
	mailboxes  []string
	sentFolder string
	dial       func(ctx context.Context, network, addr string) (net.Conn, error)
	logger     *slog.Logger

	// One IMAP connection is kept between fetches and shared with Send's
	// look-ups; it is dropped after any error and made anew.
	mu   sync.Mutex
	conn *client.Client
}

// New makes a connection from an account's settings and secrets. Mail
// servers are reached through the same guard as every outbound request:
// an internal address only when the admin allowed it.
func New(a *resonanz.ChannelAccount, secrets map[string]string, hc *http.Client) (resonanz.Channel, error) {
	s := a.Settings
	addr, err := mail.ParseAddress(s["address"])
	if err != nil || addr.Name != "" || strings.ContainsAny(addr.Address, "\r\n<>") {
		return nil, resonanz.FieldError("address", "The address must be like service@shop.example.")
	}
	c := &Channel{
		address:    strings.ToLower(addr.Address),
		fromName:   oneLine(s["from_name"]),
		user:       strings.TrimSpace(s["username"]),
		password:   secrets["password"],
		sentFolder: strings.TrimSpace(s["sent_folder"]),
		dial:       dialer(hc),
		logger:     slog.Default().With("channel", "email", "account", a.ID),
	}
	if c.user == "" {
		c.user = c.address
	}
	if c.imapAddr, err = hostPort(s, "imap_server"); err != nil {
		return nil, err
	}
	smtpAddr, err := hostPort(s, "smtp_server")
	if err != nil {
		return nil, err
	}
	c.smtp = &smtp.Client{Addr: smtpAddr, User: c.user, Password: c.password, Dial: c.dial}
	for _, box := range strings.Split(s["mailboxes"], ",") {
		if box = strings.TrimSpace(box); box != "" {
			if strings.ContainsAny(box, "\r\n\x00") {
				return nil, resonanz.FieldError("mailboxes", "%q is not a mailbox name.", box)
			}
			c.mailboxes = append(c.mailboxes, box)
		}
	}
	if len(c.mailboxes) == 0 {
		c.mailboxes = []string{"INBOX"}
	}
	return c, nil
}

func hostPort(settings map[string]string, field string) (string, error) {
	v := strings.TrimSpace(settings[field])
	if host, port, err := net.SplitHostPort(v); err != nil || host == "" || port == "" {
		return "", resonanz.FieldError(field, "The server must be HOST:PORT, like mail.shop.example:993.")
	}
	return v, nil
}

// dialer is the guarded dialer of the outbound HTTP client, so that a mail
// server typed into the settings obeys the same rules as any other target.
func dialer(hc *http.Client) func(ctx context.Context, network, addr string) (net.Conn, error) {
	if hc != nil {
		if t, ok := hc.Transport.(*http.Transport); ok && t.DialContext != nil {
			return t.DialContext
		}
	}
	return (&net.Dialer{Timeout: 30 * time.Second}).DialContext
}

// Caps: private replies (a mail to the customer), of any length.
func (c *Channel) Caps() resonanz.ChannelCaps {
	return resonanz.ChannelCaps{DirectMessage: true}
}

// Check logs in by IMAP, opens every mailbox and the Sent folder, and
// greets the SMTP server with the login, without sending anything.
func (c *Channel) Check(ctx context.Context) error {
	err := c.withIMAP(ctx, func(cl *client.Client) error {
		for _, box := range append(append([]string{}, c.mailboxes...), c.sentFolder) {
			if box == "" {
				continue
			}
			if _, err := examine(cl, box); err != nil {
				return resonanz.Permanent(err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return c.smtp.Check(ctx)
}
