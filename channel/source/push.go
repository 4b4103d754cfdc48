package source

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// Push is the JSON a source sends: one or more messages of its customers.
//
//	{"messages": [{"id": "order-4711-1", "text": "Wo bleibt meine Bestellung?",
//	  "time": "2026-05-04T10:30:00+02:00",
//	  "customer": {"id": "K-1001", "name": "Kim Meyer", "email": "kim@example.org"},
//	  "reply_to": "order-4711-0", "topic": "bestellung"}]}
type Push struct {
	Messages []PushMessage `json:"messages"`
}

// PushMessage is one customer message of a push.
type PushMessage struct {
	ID       string    `json:"id"`   // unique within the source; a message pushed again is stored once
	Text     string    `json:"text"` // plain text
	Time     time.Time `json:"time"` // when the customer wrote; empty: on arrival
	Customer struct {
		ID    string `json:"id"` // the customer's number in the source
		Name  string `json:"name"`
		Email string `json:"email"` // links the person to their mails and form messages
	} `json:"customer"`
	ReplyTo string `json:"reply_to"` // the id of the message (or posted-back reply) it answers
	Topic   string `json:"topic"`    // a topic for routing rules; else the source's
}

// maxPushMessages bounds the messages of one push.
const maxPushMessages = 100

// Sign returns the signature header value of body under secret.
func Sign(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// ParseWebhook checks the signature of a push and returns its messages.
// A push is taken whole or not at all: the first problem is refused with
// EINVALID naming the message and field, so that the integrator sees it.
func (c *Channel) ParseWebhook(body []byte, signature string) ([]resonanz.IncomingMessage, error) {
	if err := c.checkSignature(body, signature); err != nil {
		return nil, err
	}
	var p Push
	d := json.NewDecoder(bytes.NewReader(body))
	if err := d.Decode(&p); err != nil {
		return nil, resonanz.Errorf(resonanz.EINVALID, "source: the body is not the JSON of a push: %v", err)
	}
	if d.More() {
		return nil, resonanz.Errorf(resonanz.EINVALID, "source: the body holds more than one JSON value")
	}
	if len(p.Messages) == 0 || len(p.Messages) > maxPushMessages {
		return nil, resonanz.Errorf(resonanz.EINVALID, "source: a push holds 1 to %d messages, this one %d", maxPushMessages, len(p.Messages))
	}
	msgs := make([]resonanz.IncomingMessage, 0, len(p.Messages))
	for i, pm := range p.Messages {
		m, err := c.message(&pm)
		if err != nil {
			return nil, resonanz.FieldError(fmt.Sprintf("messages[%d].%s", i, resonanz.ErrorField(err)), "messages[%d]: %s", i, resonanz.ErrorMessage(err))
		}
		msgs = append(msgs, m)
	}
	return msgs, nil
}

// message maps one pushed message. Ids and customer numbers carry the
// source's prefix: two sources never share an id or a customer.
func (c *Channel) message(pm *PushMessage) (resonanz.IncomingMessage, error) {
	id, customer, email := strings.TrimSpace(pm.ID), strings.TrimSpace(pm.Customer.ID), strings.ToLower(strings.TrimSpace(pm.Customer.Email))
	switch {
	case id == "":
		return resonanz.IncomingMessage{}, resonanz.FieldError("id", "id is required")
	case customer == "" && email == "":
		return resonanz.IncomingMessage{}, resonanz.FieldError("customer", "customer.id or customer.email is required")
	}
	if a, err := mail.ParseAddress(email); email != "" && (err != nil || a.Address != email) {
		return resonanz.IncomingMessage{}, resonanz.FieldError("customer.email", "customer.email is not an email address")
	}
	m := resonanz.IncomingMessage{Channel: c.channel, ExternalID: c.prefix + id, Text: strings.TrimSpace(pm.Text), Time: pm.Time,
		Visibility: resonanz.Private, AccountID: c.accountID, TopicHint: c.topic,
		Author: resonanz.Author{Handle: email, DisplayName: strings.TrimSpace(pm.Customer.Name), CustomerRef: email}}
	if customer != "" {
		m.Author.Handle = c.prefix + customer
	}
	if r := strings.TrimSpace(pm.ReplyTo); r != "" {
		m.ReplyTo = c.prefix + r
	}
	if t := strings.TrimSpace(pm.Topic); t != "" {
		if !validTopic(t) {
			return m, resonanz.FieldError("topic", "topic must be 1–40 lower-case letters, digits, - or _")
		}
		m.TopicHint = t
	}
	if !m.Time.IsZero() {
		if err := resonanz.CheckMessageTime(m.Time, time.Now()); err != nil {
			return m, err
		}
	} else {
		m.Time = time.Now()
	}
	return m, m.Validate()
}
