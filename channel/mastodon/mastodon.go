// Package mastodon connects a company account on any server that speaks the
// Mastodon client API (Mastodon, GoToSocial): mentions and direct messages
// in, public and direct replies out, and listening to hashtags.
package mastodon

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
)

// Adapter connects Mastodon accounts.
var Adapter = channel.Adapter{
	Kind:  "mastodon",
	Label: "Mastodon",
	Fields: []channel.Field{
		{Name: "server", Label: "channel.field.server", Required: true, Example: "https://mastodon.social"},
		{Name: "token", Label: "channel.field.token", Secret: true, Required: true},
		{Name: "hashtags", Label: "channel.field.hashtags", Example: "beispielshop, shopfail"},
	},
	New: New,
}

// DefaultMaxLength is Mastodon's usual limit of characters in a post.
const DefaultMaxLength = 500

// Channel is one connected Mastodon account.
type Channel struct {
	server   string // https://host, without a trailing slash
	host     string
	token    string
	hashtags []string
	client   *http.Client

	mu   sync.Mutex
	self *account // the company account, learned on first use
}

// New makes a connection from an account's settings and secrets.
func New(a *resonanz.ChannelAccount, secrets map[string]string, client *http.Client) (resonanz.Channel, error) {
	u, err := url.Parse(strings.TrimRight(a.Settings["server"], "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.RawQuery != "" {
		return nil, resonanz.FieldError("server", "The server must be an address like https://mastodon.social.").Keyed("mastodon.server")
	}
	c := &Channel{server: u.Scheme + "://" + u.Host, host: u.Host, token: secrets["token"], client: client}
	for _, tag := range strings.Split(a.Settings["hashtags"], ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "#")
		if tag == "" {
			continue
		}
		if strings.ContainsAny(tag, "/?#% ") {
			return nil, resonanz.FieldError("hashtags", "%q is not a hashtag.", tag).Keyed("mastodon.hashtag")
		}
		c.hashtags = append(c.hashtags, tag)
	}
	return c, nil
}

// Caps: public replies and direct messages of up to 500 characters.
func (c *Channel) Caps() resonanz.ChannelCaps {
	return resonanz.ChannelCaps{PublicReply: true, DirectMessage: true, MaxLength: DefaultMaxLength}
}

// Check verifies the token now and learns who the account is.
func (c *Channel) Check(ctx context.Context) error {
	c.mu.Lock()
	c.self = nil
	c.mu.Unlock()
	_, err := c.account(ctx)
	return err
}

// account is the company account, asked for once per connection.
func (c *Channel) account(ctx context.Context) (*account, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.self != nil {
		return c.self, nil
	}
	var me account
	if err := c.call(ctx, http.MethodGet, "/api/v1/accounts/verify_credentials", nil, nil, &me); err != nil {
		return nil, err
	}
	if me.ID == "" {
		return nil, fmt.Errorf("%s did not say which account the token belongs to", c.host)
	}
	c.self = &me
	return c.self, nil
}

// cursor is where fetching goes on: the newest notification seen, and the
// newest post seen on each hashtag.
type cursor struct {
	Notifications string            `json:"n,omitempty"`
	Tags          map[string]string `json:"t,omitempty"`
}

// pageSize is how many items one request asks for (Mastodon's maximum is 40).
const pageSize = 40

// Receive fetches new mentions and direct messages, then new posts under the
// hashtags listened to. It pages forward from the cursor (min_id), so a
// long absence skips nothing.
func (c *Channel) Receive(ctx context.Context, raw string) (*resonanz.Received, error) {
	var cur cursor
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &cur); err != nil {
			return nil, resonanz.Permanent(fmt.Errorf("the stored cursor is damaged: %w", err))
		}
	}
	me, err := c.account(ctx)
	if err != nil {
		return nil, err
	}
	got := &resonanz.Received{}
	var notes []notification
	q := url.Values{"types[]": {"mention"}, "limit": {fmt.Sprint(pageSize)}, "min_id": {cur.Notifications}}
	if err := c.call(ctx, http.MethodGet, "/api/v1/notifications?"+q.Encode(), nil, nil, &notes); err != nil {
		return nil, err
	}
	got.More = len(notes) == pageSize
	for _, n := range notes {
		cur.Notifications = newer(cur.Notifications, n.ID)
		if n.Type == "mention" && n.Status != nil && n.Status.Account.ID != me.ID {
			got.Messages = append(got.Messages, c.incoming(n.Status, false))
		}
	}
	for _, tag := range c.hashtags {
		var posts []status
		q := url.Values{"limit": {fmt.Sprint(pageSize)}, "min_id": {cur.Tags[tag]}}
		if err := c.call(ctx, http.MethodGet, "/api/v1/timelines/tag/"+url.PathEscape(tag)+"?"+q.Encode(), nil, nil, &posts); err != nil {
			return nil, err
		}
		got.More = got.More || len(posts) == pageSize
		if cur.Tags == nil {
			cur.Tags = map[string]string{}
		}
		for i := range posts {
			p := &posts[i]
			cur.Tags[tag] = newer(cur.Tags[tag], p.ID)
			if p.Account.ID != me.ID && !mentions(p, me.ID) {
				got.Messages = append(got.Messages, c.incoming(p, true))
			}
		}
	}
	next, _ := json.Marshal(cur)
	got.Cursor = string(next)
	return got, nil
}

// newer returns the later of two status or notification ids. Mastodon's ids
// are numbers as strings (longer is later); GoToSocial's are ULIDs of equal
// length that sort as text.
func newer(a, b string) string {
	if len(a) != len(b) {
		if len(a) > len(b) {
			return a
		}
		return b
	}
	return max(a, b)
}

func mentions(s *status, id string) bool {
	for _, m := range s.Mentions {
		if m.ID == id {
			return true
		}
	}
	return false
}

// incoming turns a status into a message for ingest. Ids carry the server's
// host, so that posts of two servers never share an external id.
func (c *Channel) incoming(s *status, unaddressed bool) resonanz.IncomingMessage {
	text := plainText(s.Content)
	for _, m := range s.Media {
		text += "\n📎 " + m.URL
	}
	visibility := resonanz.Public
	if s.Visibility == "direct" || s.Visibility == "private" {
		visibility = resonanz.Private
	}
	m := resonanz.IncomingMessage{Channel: "mastodon", ExternalID: c.host + "/" + s.ID, Text: text, Time: s.CreatedAt,
		Visibility: visibility, Unaddressed: unaddressed,
		Author: resonanz.Author{Handle: c.handle(s.Account.Acct), DisplayName: s.Account.DisplayName}}
	if s.InReplyToID != nil && *s.InReplyToID != "" {
		m.ReplyTo = c.host + "/" + *s.InReplyToID
	}
	return m
}

// handle is a person's address across servers: @user@host, also for
// accounts of the company's own server (whose acct has no host).
func (c *Channel) handle(acct string) string {
	if !strings.Contains(acct, "@") {
		acct += "@" + c.host
	}
	return "@" + acct
}

// mention is how a reply addresses the person: local accounts by name alone.
func (c *Channel) mention(handle string) string {
	return strings.TrimSuffix(handle, "@"+c.host)
}
