// Package feed listens to review sites and forums through their RSS or
// Atom feeds (channel accounts of kind "feed"): new entries become public
// messages "not addressed to us", with the link to answer on the site;
// there is no reply API, so replies to them are held.
package feed

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
)

// Adapter listens to feeds.
var Adapter = channel.Adapter{
	Kind:  "feed",
	Label: "Feed (RSS, Atom)",
	Fields: []channel.Field{
		{Name: "url", Label: "channel.field.url", Required: true, Example: "https://reviews.example/shop/feed.xml"},
		{Name: "channel", Label: "channel.field.channel", Example: "review"},
		{Name: "keywords", Label: "channel.field.keywords", Example: "Beispielshop, Filiale"},
		{Name: "languages", Label: "channel.field.languages", Example: "de, en"},
		{Name: "every", Label: "channel.field.every", Example: "5"},
	},
	New: func(a *resonanz.ChannelAccount, _ map[string]string, client *http.Client) (resonanz.Channel, error) {
		return New(a, client)
	},
}

// Channel is one feed listened to.
type Channel struct {
	url       string
	host      string
	channel   string // "review" or "forum"
	keywords  []string
	languages []string
	every     time.Duration // at least this long between two fetches
	client    *http.Client
	now       func() time.Time
}

// DefaultEvery is the pause between two fetches of a feed: the sites
// listened to are not the company's, and reviews are no chat.
const DefaultEvery = 5 * time.Minute

// New reads a feed account's settings; client is the guarded outbound
// client (internal addresses refused, a timeout, at most five redirects).
func New(a *resonanz.ChannelAccount, client *http.Client) (*Channel, error) {
	raw := strings.TrimSpace(a.Settings["url"])
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || len(raw) > 2000 {
		return nil, resonanz.FieldError("url", "The feed's address must be like https://reviews.example/feed.xml.")
	}
	if client == nil {
		return nil, errors.New("feed: no HTTP client")
	}
	c := &Channel{url: raw, host: u.Hostname(), channel: strings.TrimSpace(a.Settings["channel"]), every: DefaultEvery, client: client, now: time.Now}
	if every := strings.TrimSpace(a.Settings["every"]); every != "" {
		minutes, err := strconv.Atoi(every)
		if err != nil || minutes < 0 || minutes > 24*60 {
			return nil, resonanz.FieldError("every", "Give the minutes between two fetches, 0 (every round) to 1440.")
		}
		c.every = time.Duration(minutes) * time.Minute
	}
	if c.channel == "" {
		c.channel = "review"
	}
	if c.channel != "review" && c.channel != "forum" {
		return nil, resonanz.FieldError("channel", "A feed's entries come in as \"review\" or \"forum\".")
	}
	for _, k := range strings.Split(a.Settings["keywords"], ",") {
		if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
			c.keywords = append(c.keywords, k)
		}
	}
	for _, l := range strings.Split(a.Settings["languages"], ",") {
		if l = strings.ToLower(strings.TrimSpace(l)); l != "" {
			if len(l) != 2 {
				return nil, resonanz.FieldError("languages", "Name languages by two letters, like \"de, en\".")
			}
			c.languages = append(c.languages, l)
		}
	}
	return c, nil
}

// Caps: a feed has no way to answer; replies are held with the reason.
func (c *Channel) Caps() resonanz.ChannelCaps { return resonanz.ChannelCaps{} }

// Check fetches the feed once and reads it.
func (c *Channel) Check(ctx context.Context) error {
	_, _, err := c.fetch(ctx, &cursor{})
	return err
}

// Send is never asked: replies to feed entries are held.
func (c *Channel) Send(context.Context, *resonanz.Outgoing) (*resonanz.Sent, error) {
	return nil, resonanz.Held(resonanz.HeldNoReply)
}

// cursor is what the feed showed last time: the keys of its entries (at
// most maxSeen, newest first), the validators for a conditional GET, and
// when it was fetched (Unix seconds).
type cursor struct {
	Seen         []string `json:"seen"`
	ETag         string   `json:"etag,omitempty"`
	LastModified string   `json:"modified,omitempty"`
	Fetched      int64    `json:"fetched,omitempty"`
}

// maxSeen bounds the keys a cursor keeps: a feed shows its latest entries,
// and an entry that comes back after falling out is a duplicate that
// ingest drops by its external id.
const maxSeen = MaxEntries

// Receive fetches the feed, unless it did a moment ago, and returns the
// entries it did not show before that pass the filters. The first fetch
// takes none: listening starts now.
func (c *Channel) Receive(ctx context.Context, raw string) (*resonanz.Received, error) {
	var cur cursor
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &cur); err != nil {
			return nil, resonanz.Permanent(fmt.Errorf("the stored cursor is damaged: %w", err))
		}
	}
	now := c.now()
	if raw != "" && now.Sub(time.Unix(cur.Fetched, 0)) < c.every {
		return &resonanz.Received{Cursor: raw}, nil
	}
	entries, changed, err := c.fetch(ctx, &cur)
	if err != nil {
		return &resonanz.Received{Cursor: raw}, err
	}
	got := &resonanz.Received{}
	if changed {
		got.Messages, cur.Seen = c.newEntries(entries, cur.Seen, raw == "")
	}
	cur.Fetched = now.Unix()
	next, _ := json.Marshal(cur)
	got.Cursor = string(next)
	return got, nil
}

// newEntries returns the messages of the entries not seen before that pass
// the filters (none on the first fetch), and the keys to remember: the
// feed's, then the earlier ones it no longer shows, up to maxSeen.
func (c *Channel) newEntries(entries []Entry, before []string, first bool) ([]resonanz.IncomingMessage, []string) {
	seen := map[string]bool{}
	for _, k := range before {
		seen[k] = true
	}
	var msgs []resonanz.IncomingMessage
	keys := make([]string, 0, len(entries))
	shown := map[string]bool{}
	for _, e := range entries {
		k := key(e.ID)
		if shown[k] {
			continue
		}
		shown[k] = true
		keys = append(keys, k)
		if !first && !seen[k] && c.wanted(&e) {
			msgs = append(msgs, c.message(&e))
		}
	}
	for _, k := range before {
		if !shown[k] {
			keys = append(keys, k)
		}
	}
	return msgs, keys[:min(len(keys), maxSeen)]
}

// key names an entry in the cursor, short: 12 bytes of its id's hash.
func key(id string) string {
	sum := sha256.Sum256([]byte(id))
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

// fetch gets and parses the feed; changed is false when the server says it
// has not changed since the cursor's validators.
func (c *Channel) fetch(ctx context.Context, cur *cursor) (entries []Entry, changed bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url, nil)
	if err != nil {
		return nil, false, resonanz.Permanent(err)
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	req.Header.Set("User-Agent", "resonanz feed reader")
	if cur.ETag != "" {
		req.Header.Set("If-None-Match", cur.ETag)
	}
	if cur.LastModified != "" {
		req.Header.Set("If-Modified-Since", cur.LastModified)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, false, fmt.Errorf("%s is not reachable: %w", c.host, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil, false, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, false, fmt.Errorf("%s answered %s", c.host, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBytes+1))
	if err != nil {
		return nil, false, fmt.Errorf("%s: reading the feed: %w", c.host, err)
	}
	if len(body) > MaxBytes {
		return nil, false, fmt.Errorf("the feed of %s is larger than %d MB; resonanz reads feeds up to that size", c.host, MaxBytes>>20)
	}
	if entries, err = Parse(body); err != nil {
		return nil, false, fmt.Errorf("%s: %w", c.host, err)
	}
	cur.ETag, cur.LastModified = headerValue(resp, "ETag"), headerValue(resp, "Last-Modified")
	return entries, true, nil
}

// headerValue is a response header fit to be sent back, or nothing.
func headerValue(resp *http.Response, name string) string {
	v := resp.Header.Get(name)
	if len(v) > 200 || strings.ContainsAny(v, "\r\n") {
		return ""
	}
	return v
}

// wanted reports whether an entry passes the keyword and language filters.
// An entry of unknown language passes: listening must not miss a critic
// because a site does not say its language.
func (c *Channel) wanted(e *Entry) bool {
	if len(c.keywords) > 0 {
		text := strings.ToLower(e.Title + "\n" + e.Text)
		if !slices.ContainsFunc(c.keywords, func(k string) bool { return strings.Contains(text, k) }) {
			return false
		}
	}
	if len(c.languages) > 0 {
		lang := strings.ToLower(e.Language)
		if len(lang) > 2 {
			lang = lang[:2]
		}
		if lang == "" {
			lang = guessLanguage(e.Title + " " + e.Text)
		}
		if lang != "" && !slices.Contains(c.languages, lang) {
			return false
		}
	}
	return true
}
