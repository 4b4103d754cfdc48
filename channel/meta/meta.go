// Package meta connects resonanz to a Facebook page and the Instagram
// account linked to it: Meta pushes page comments, Messenger messages,
// Instagram comments and Instagram direct messages to a webhook, and replies
// leave through the Graph API, publicly under the comment or privately as a
// message. See docs/channels-meta.md.
package meta

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
)

// DefaultGraphURL is the Graph API version the adapter was written against.
const DefaultGraphURL = "https://graph.facebook.com/v21.0"

// Adapter connects a Facebook page (and its Instagram account) to resonanz.
var Adapter = channel.Adapter{
	Kind:  "meta",
	Label: "Meta (Facebook, Instagram)",
	Fields: []channel.Field{
		{Name: "page_id", Label: "channel.field.page_id", Required: true, Example: "104857600123456"},
		{Name: "graph_url", Label: "channel.field.graph_url", Example: DefaultGraphURL},
		{Name: "verify_token", Label: "channel.field.verify_token", Secret: true, Required: true},
		{Name: "app_secret", Label: "channel.field.app_secret", Secret: true, Required: true},
		{Name: "page_token", Label: "channel.field.page_token", Secret: true, Required: true},
	},
	New: func(a *resonanz.ChannelAccount, secrets map[string]string, client *http.Client) (resonanz.Channel, error) {
		return New(a, secrets, client)
	},
}

// Channel is one connected Facebook page with its Instagram account.
type Channel struct {
	accountID   int64
	pageID      string
	graphURL    string
	verifyToken string
	appSecret   string
	pageToken   string
	client      *http.Client
	now         func() time.Time // when a pushed event carries no time of its own
}

var _ resonanz.WebhookChannel = (*Channel)(nil)

// New opens the account a with its secrets; client carries the timeout and
// the guard against internal targets (channel.Outbound).
func New(a *resonanz.ChannelAccount, secrets map[string]string, client *http.Client) (*Channel, error) {
	c := &Channel{
		accountID:   a.ID,
		pageID:      strings.TrimSpace(a.Settings["page_id"]),
		graphURL:    strings.TrimRight(strings.TrimSpace(a.Settings["graph_url"]), "/"),
		verifyToken: secrets["verify_token"],
		appSecret:   secrets["app_secret"],
		pageToken:   secrets["page_token"],
		client:      client,
		now:         time.Now,
	}
	if c.graphURL == "" {
		c.graphURL = DefaultGraphURL
	}
	if !isNumericID(c.pageID) {
		return nil, resonanz.FieldError("page_id", "The page id is the number in the page's About section (Page transparency).")
	}
	if err := checkGraphURL(c.graphURL); err != nil {
		return nil, err
	}
	for _, name := range []string{"verify_token", "app_secret", "page_token"} {
		if strings.TrimSpace(secrets[name]) == "" {
			return nil, resonanz.FieldError(name, "%s is required.", name)
		}
	}
	if c.client == nil {
		return nil, resonanz.Errorf(resonanz.EINTERNAL, "meta: no HTTP client")
	}
	return c, nil
}

// checkGraphURL accepts https, and plain http only on the machine itself
// (a fake Graph API in tests): tokens never cross a network in clear text.
func checkGraphURL(s string) error {
	u, err := url.Parse(s)
	if err == nil && u.Host != "" && u.RawQuery == "" && u.Fragment == "" {
		host := u.Hostname()
		if u.Scheme == "https" || (u.Scheme == "http" && (host == "localhost" || host == "127.0.0.1" || host == "::1")) {
			return nil
		}
	}
	return resonanz.FieldError("graph_url", "The Graph API address must be an https URL such as %s.", DefaultGraphURL)
}

// Caps says what the account can send. Meta's tightest limit is 1000
// characters for an Instagram direct message; Send checks each platform's own.
func (c *Channel) Caps() resonanz.ChannelCaps {
	return resonanz.ChannelCaps{PublicReply: true, DirectMessage: true, MaxLength: 1000}
}

// Receive fetches nothing: Meta pushes every message to the webhook.
func (c *Channel) Receive(ctx context.Context, cursor string) (*resonanz.Received, error) {
	return &resonanz.Received{Cursor: cursor}, nil
}

// VerifyWebhook answers the GET handshake Meta makes when an app subscribes
// the callback URL: the challenge, if the verify token is the account's.
func (c *Channel) VerifyWebhook(mode, token, challenge string) (string, bool) {
	if mode != "subscribe" || subtle.ConstantTimeCompare([]byte(token), []byte(c.verifyToken)) != 1 {
		return "", false
	}
	return challenge, true
}

// isNumericID reports whether s is a Graph id of a page or an account.
func isNumericID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
