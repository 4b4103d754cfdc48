package resonanz

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on incoming messages.
const (
	MaxTextLen       = 20000 // characters in one message text
	MaxExternalIDLen = 200
	MaxHandleLen     = 200
	MaxNameLen       = 200
)

// Visibility of a message: public posts can be read by anyone, private ones
// only by the customer and the company.
const (
	Public  = "public"
	Private = "private"
)

// Direction of a message relative to the company.
const (
	Inbound  = "in"
	Outbound = "out"
)

// Plausible message times. The clocks of channels and clients may run a
// little ahead of ours; nothing a customer wrote predates the floor. A time
// far ahead would keep its conversation at the top of the inbox for good.
const MaxClockSkew = 5 * time.Minute

// MinMessageTime is the earliest time a message may carry.
var MinMessageTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckMessageTime refuses a time that cannot be when a customer wrote: before
// MinMessageTime or more than MaxClockSkew after now. Whoever takes messages
// in (the API, a channel) checks the time it was given with it.
func CheckMessageTime(t, now time.Time) error {
	if t.Before(MinMessageTime) {
		return FieldError("time", "time %s is before %s; send when the customer wrote.", t.UTC().Format(time.RFC3339), MinMessageTime.Format(time.DateOnly))
	}
	if t.After(now.Add(MaxClockSkew)) {
		return FieldError("time", "time %s is more than %d minutes ahead of the server's clock (%s); send when the customer wrote, with its UTC offset.",
			t.UTC().Format(time.RFC3339), int(MaxClockSkew/time.Minute), now.UTC().Format(time.RFC3339))
	}
	return nil
}

// ClampTime replaces an implausible time a platform sent (a clock far
// ahead, a missing date) with the time it arrived, and reports whether it
// did: a channel's message must not be lost for its platform's clock, nor
// pin its conversation to the top of the inbox.
func (m *IncomingMessage) ClampTime(now time.Time) bool {
	if CheckMessageTime(m.Time, now) == nil {
		return false
	}
	m.Time = now
	return true
}

// Author is the customer's identity on one channel.
type Author struct {
	Handle      string `json:"handle"`
	DisplayName string `json:"display_name"`
	// CustomerRef optionally names the person across channels (a CRM id or an
	// email address); identities with the same ref share one timeline.
	CustomerRef string `json:"customer_ref,omitempty"`
}

// IncomingMessage is a customer message as it arrives from a channel or the API.
type IncomingMessage struct {
	Channel    string    `json:"channel"`
	ExternalID string    `json:"external_id"`
	Author     Author    `json:"author"`
	Text       string    `json:"text"`
	Time       time.Time `json:"time"`
	Visibility string    `json:"visibility"`
	ReplyTo    string    `json:"reply_to,omitempty"`
	// AccountID is the company's channel account it came through; 0 for the API.
	AccountID int64 `json:"-"`
	// Unaddressed marks a public post that names the company without
	// writing to it (listening): an agent decides whether an answer is welcome.
	Unaddressed bool `json:"-"`
	// TopicHint is a topic the door it came through adds (a form's topic),
	// so that routing rules on topics apply to it.
	TopicHint string `json:"-"`
	// Consent is the wording of the consent the customer gave with the
	// message (a form's checkbox), stored with it exactly as shown.
	Consent string `json:"-"`
	// ReplyAddress is where the customer asked replies to go (a mail's
	// Reply-To), when not to the handle; "" for the handle.
	ReplyAddress string `json:"-"`
	// Attachments are the files that came with it, and its original.
	Attachments []*Attachment `json:"-"`
	// Analysis is filled by resonanz before the message is stored, never by clients.
	Analysis Analysis `json:"-"`
}

// Validate reports the first problem with m as an EINVALID error naming the field.
func (m *IncomingMessage) Validate() error {
	checks := []struct {
		field, value string
		max          int
		required     bool
	}{
		{"channel", m.Channel, 50, true},
		{"external_id", m.ExternalID, MaxExternalIDLen, true},
		{"author.handle", m.Author.Handle, MaxHandleLen, true},
		{"author.display_name", m.Author.DisplayName, MaxNameLen, false},
		{"author.customer_ref", m.Author.CustomerRef, MaxHandleLen, false},
		{"text", m.Text, MaxTextLen, true},
		{"reply_to", m.ReplyTo, MaxExternalIDLen, false},
		{"topic", m.TopicHint, 40, false},
		{"consent", m.Consent, MaxConsentLen, false},
		{"reply_address", m.ReplyAddress, MaxHandleLen, false},
	}
	for _, c := range checks {
		if !utf8.ValidString(c.value) {
			return FieldError(c.field, "%s is not valid UTF-8", c.field)
		} else if c.required && strings.TrimSpace(c.value) == "" {
			return FieldError(c.field, "%s is required", c.field)
		} else if n := utf8.RuneCountInString(c.value); n > c.max {
			return FieldError(c.field, "%s is too long (%d characters, at most %d)", c.field, n, c.max)
		} else if strings.ContainsRune(c.value, 0) {
			return FieldError(c.field, "%s contains a NUL character", c.field)
		}
	}
	if _, ok := LookupChannel(m.Channel); !ok {
		return FieldError("channel", "unknown channel %q", m.Channel)
	}
	if m.Time.IsZero() {
		return FieldError("time", "time is required (RFC 3339)")
	}
	if m.Visibility != Public && m.Visibility != Private {
		return FieldError("visibility", "visibility must be %q or %q", Public, Private)
	}
	return nil
}

// Message is one message in a conversation, from a customer or from an agent.
type Message struct {
	ID             int64
	ConversationID int64
	Channel        string
	ExternalID     string
	Direction      string
	AuthorName     string
	AuthorHandle   string
	UserID         int64 // the agent who wrote an outbound message
	Text           string
	Visibility     string
	SentAt         time.Time
	Analysis       Analysis // empty for agents' messages
	Unaddressed    bool     // a public post naming the company, not written to it
	Consent        string   // the consent wording the customer agreed to with it (a form's checkbox)
	ReplyAddress   string   // where replies go when not to the author's handle (a mail's Reply-To)
	Attachments    []*Attachment
	Delivery       *OutboxItem // how an agent's reply went out; nil for customers' messages
}

// IngestResult tells what happened to one incoming message.
type IngestResult struct {
	MessageID      int64 `json:"message_id"`
	ConversationID int64 `json:"conversation_id"`
	Duplicate      bool  `json:"duplicate"`
	// Analysis is what resonanz understood of a newly stored message.
	Analysis *Analysis `json:"analysis,omitempty"`
}

// MessageService stores incoming messages.
type MessageService interface {
	// Ingest stores messages that passed Validate, all in one transaction.
	// A message whose (channel, external id) is known returns the stored one
	// with Duplicate set.
	Ingest(ctx context.Context, msgs []IncomingMessage) ([]IngestResult, error)
}
