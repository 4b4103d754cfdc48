package meta

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// Skip is an event of a pushed body that did not become a message, and why.
type Skip struct {
	Where  string // "entry 0, messaging 1"
	Reason string
}

// ParseWebhook checks the X-Hub-Signature-256 of a pushed body and returns
// the customers' messages in it. Meta retries a notification for hours when
// resonanz does not answer, and may deliver one twice: a message keeps its
// external id on every delivery and ingest drops the repeats, so old bodies
// are not refused by their age.
func (c *Channel) ParseWebhook(body []byte, signature string) ([]resonanz.IncomingMessage, error) {
	msgs, _, err := c.Parse(body, signature)
	return msgs, err
}

// Parse is ParseWebhook that also says which events it skipped and why, for
// the log: one unreadable event never costs the others.
func (c *Channel) Parse(body []byte, signature string) ([]resonanz.IncomingMessage, []Skip, error) {
	if err := c.checkSignature(body, signature); err != nil {
		return nil, nil, err
	}
	var n notification
	if err := json.Unmarshal(body, &n); err != nil {
		return nil, nil, resonanz.Errorf(resonanz.EINVALID, "meta: the body is not a webhook notification: %v", err)
	}
	p := parser{c: c, seen: map[string]bool{}}
	var nw network
	switch n.Object {
	case "page":
		nw = facebook
	case "instagram":
		nw = instagram
	default:
		p.skip("body", "object %q is not handled", n.Object)
		return nil, p.skipped, nil
	}
	for i, raw := range n.Entry {
		p.entry(nw, i, raw)
	}
	return p.msgs, p.skipped, nil
}

// checkSignature compares the signature Meta sent with the HMAC-SHA256 of
// the raw body under the app secret, in constant time.
func (c *Channel) checkSignature(body []byte, signature string) error {
	sum, ok := strings.CutPrefix(strings.TrimSpace(signature), "sha256=")
	if !ok {
		return resonanz.Errorf(resonanz.EUNAUTHORIZED, "meta: the X-Hub-Signature-256 header is missing")
	}
	got, err := hex.DecodeString(sum)
	mac := hmac.New(sha256.New, []byte(c.appSecret))
	mac.Write(body)
	if err != nil || !hmac.Equal(got, mac.Sum(nil)) {
		return resonanz.Errorf(resonanz.EUNAUTHORIZED, "meta: the signature does not match the body (is the app secret right?)")
	}
	return nil
}

// network is the platform an event came from, and how resonanz names it.
type network struct {
	channel string // resonanz's channel name
	prefix  string // of external ids and handles
}

var (
	facebook  = network{channel: "facebook", prefix: "fb"}
	instagram = network{channel: "instagram", prefix: "ig"}
)

// External ids carry the network and the kind of object, so that a comment
// and a message with the same number never collide and Send knows where to
// answer: "fb:c:<comment id>", "fb:m:<message id>", "ig:c:…", "ig:m:…".
func (n network) commentID(id string) string { return n.prefix + ":c:" + id }
func (n network) messageID(id string) string { return n.prefix + ":m:" + id }
func (n network) handle(id string) string    { return n.prefix + ":" + id }

type notification struct {
	Object string            `json:"object"`
	Entry  []json.RawMessage `json:"entry"`
}

type entry struct {
	ID        string            `json:"id"` // the page, or the Instagram account
	Time      json.Number       `json:"time"`
	Messaging []json.RawMessage `json:"messaging"`
	Changes   []json.RawMessage `json:"changes"`
}

type change struct {
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

// parser collects the messages and skips of one body.
type parser struct {
	c       *Channel
	msgs    []resonanz.IncomingMessage
	skipped []Skip
	seen    map[string]bool
}

func (p *parser) skip(where, format string, args ...any) {
	p.skipped = append(p.skipped, Skip{Where: where, Reason: fmt.Sprintf(format, args...)})
}

func (p *parser) entry(nw network, i int, raw json.RawMessage) {
	var e entry
	if err := json.Unmarshal(raw, &e); err != nil {
		p.skip(fmt.Sprintf("entry %d", i), "unreadable: %v", err)
		return
	}
	for j, ev := range e.Messaging {
		m, err := p.message(nw, &e, ev)
		p.add(fmt.Sprintf("entry %d, messaging %d", i, j), m, err)
	}
	for j, ev := range e.Changes {
		where := fmt.Sprintf("entry %d, changes %d", i, j)
		var ch change
		if err := json.Unmarshal(ev, &ch); err != nil {
			p.skip(where, "unreadable: %v", err)
			continue
		}
		var (
			m   *resonanz.IncomingMessage
			err error
		)
		switch {
		case nw == facebook && ch.Field == "feed":
			m, err = p.feedComment(&e, ch.Value)
		case nw == instagram && ch.Field == "comments":
			m, err = p.instagramComment(&e, ch.Value)
		default:
			err = fmt.Errorf("field %q is not handled", ch.Field)
		}
		p.add(where, m, err)
	}
}

// add keeps m if it is a valid message not seen before in this body, and
// notes why not otherwise; err says why there is no m.
func (p *parser) add(where string, m *resonanz.IncomingMessage, err error) {
	if err == nil {
		m.AccountID = p.c.accountID
		err = m.Validate()
	}
	switch {
	case err != nil:
		p.skip(where, "%v", err)
	case p.seen[m.ExternalID]:
		p.skip(where, "%s came twice in one body", m.ExternalID)
	default:
		p.seen[m.ExternalID] = true
		p.msgs = append(p.msgs, *m)
	}
}
