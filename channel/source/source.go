// Package source takes in messages from the company's own systems — a
// shop, a CRM — as channel accounts of kind "source": each source pushes a
// documented JSON shape to its own address (/hooks/{id}), signed with its
// own secret, and may name an address where replies are posted back,
// signed the same way. See docs/channels.md.
package source

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
)

// Adapter connects the company's own systems.
var Adapter = channel.Adapter{
	Kind:  "source",
	Label: "Own system (shop, CRM)",
	Fields: []channel.Field{
		{Name: "secret", Label: "channel.field.secret", Secret: true, Required: true},
		{Name: "reply_url", Label: "channel.field.reply_url", Example: "https://shop.example/resonanz/replies"},
		{Name: "channel", Label: "channel.field.channel", Example: "system"},
		{Name: "topic", Label: "channel.field.topic", Example: "bestellung"},
	},
	New: func(a *resonanz.ChannelAccount, secrets map[string]string, client *http.Client) (resonanz.Channel, error) {
		return New(a, secrets, client)
	},
}

// HeaderSignature carries "sha256=<hex HMAC-SHA256 of the raw body>" with
// the source's secret, on pushes and on replies posted back.
const HeaderSignature = "X-Resonanz-Signature"

// HeaderDelivery names one reply; it is the same on every attempt, so that
// the source can drop a repeat.
const HeaderDelivery = "X-Resonanz-Delivery"

// minSecret is the least length of a source's secret.
const minSecret = 16

// Channel is one of the company's systems.
type Channel struct {
	accountID int64
	prefix    string // of external ids and handles: "src<id>:"
	secret    []byte
	replyURL  string
	channel   string
	topic     string
	client    *http.Client
}

var _ resonanz.WebhookChannel = (*Channel)(nil)

// New reads a source's settings and secret; client is the guarded outbound
// client that posts the replies back.
func New(a *resonanz.ChannelAccount, secrets map[string]string, client *http.Client) (*Channel, error) {
	c := &Channel{accountID: a.ID, prefix: "src" + strconv.FormatInt(a.ID, 10) + ":", secret: []byte(secrets["secret"]),
		replyURL: strings.TrimSpace(a.Settings["reply_url"]), channel: strings.TrimSpace(a.Settings["channel"]),
		topic: strings.TrimSpace(a.Settings["topic"]), client: client}
	if len(c.secret) < minSecret {
		return nil, resonanz.FieldError("secret", "The secret must have at least %d characters; use a random one, e.g. from 'openssl rand -hex 32'.", minSecret)
	}
	if c.replyURL != "" {
		u, err := url.Parse(c.replyURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return nil, resonanz.FieldError("reply_url", "The reply address must be like https://shop.example/resonanz/replies.")
		}
	}
	if c.channel == "" {
		c.channel = "system"
	}
	if ch, ok := resonanz.LookupChannel(c.channel); !ok || !ch.CanPrivate {
		return nil, resonanz.FieldError("channel", "Messages of a source come in on a channel that answers privately, like \"system\" or \"email\".")
	}
	if c.topic != "" && !validTopic(c.topic) {
		return nil, resonanz.FieldError("topic", "A topic name is 1–40 lower-case letters, digits, - or _.")
	}
	if client == nil {
		return nil, errors.New("source: no HTTP client")
	}
	return c, nil
}

func validTopic(s string) bool {
	if len(s) == 0 || len(s) > 40 {
		return false
	}
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || i > 0 && (r == '-' || r == '_')) {
			return false
		}
	}
	return true
}

// Caps: private replies, posted back to the reply address; none without one.
func (c *Channel) Caps() resonanz.ChannelCaps {
	return resonanz.ChannelCaps{DirectMessage: c.replyURL != ""}
}

// Check has nothing to call: the source pushes, and a test post to its
// reply address would be a reply nobody wrote.
func (c *Channel) Check(context.Context) error { return nil }

// Receive fetches nothing: the source pushes.
func (c *Channel) Receive(_ context.Context, cursor string) (*resonanz.Received, error) {
	return &resonanz.Received{Cursor: cursor}, nil
}

// VerifyWebhook refuses: a source needs no subscription handshake.
func (c *Channel) VerifyWebhook(string, string, string) (string, bool) { return "", false }

// checkSignature compares the signature sent with the HMAC-SHA256 of the
// raw body under the source's secret, in constant time.
func (c *Channel) checkSignature(body []byte, signature string) error {
	sum, ok := strings.CutPrefix(strings.TrimSpace(signature), "sha256=")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.ToLower(sum)), []byte(Sign(c.secret, body)[len("sha256="):])) != 1 {
		return resonanz.Errorf(resonanz.EUNAUTHORIZED, "source: the %s header is missing or does not match the body (is the secret right?)", HeaderSignature)
	}
	return nil
}
