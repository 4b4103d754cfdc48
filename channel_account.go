package resonanz

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// Channel is a live connection to one of the company's accounts on a
// platform: it fetches what customers wrote and sends the agents' replies.
// Adapters live under channel/, one package each.
type Channel interface {
	// Caps says what replies the account can send.
	Caps() ChannelCaps
	// Check tests the connection and the credentials.
	Check(ctx context.Context) error
	// Receive fetches what arrived after cursor (empty: from now on) and
	// returns the cursor to ask with next time. The caller stores the cursor
	// only after the messages are committed, so a crash fetches them again
	// and ingest drops them as duplicates: nothing is lost or doubled.
	Receive(ctx context.Context, cursor string) (*Received, error)
	// Send posts one reply. A retry carries the same Key; an adapter makes
	// sure a retry never posts twice (the platform's idempotency key, or a
	// look for an earlier post with that key).
	Send(ctx context.Context, out *Outgoing) (*Sent, error)
}

// ChannelCaps says what a channel account can send.
type ChannelCaps struct {
	PublicReply   bool // an answer under the customer's post, visible to all
	DirectMessage bool // a private message only the customer sees
	MaxLength     int  // characters in one reply; 0: no limit
	Attachments   bool
	// ReplyVia names the kind of account that sends the replies instead
	// (a web form's replies go by "email", to the address the customer gave).
	ReplyVia string
}

// Received is what one Receive call fetched.
type Received struct {
	Messages []IncomingMessage
	Cursor   string
	// More says that more is waiting: ask again at once.
	More bool
	// Skipped is what was fetched but not taken in (an auto-reply, a bounce,
	// a mail too large), each with the reason; the poller logs it.
	Skipped []Skipped
}

// Skipped is one fetched item that is not taken in.
type Skipped struct {
	ExternalID string
	Reason     string
}

// Outgoing is one reply to send.
type Outgoing struct {
	Key    string // the same on every attempt of one reply
	Text   string
	Public bool
	// ReplyTo is the external id of the customer message answered, as the
	// adapter made it when the message came in; Recipient is the customer's
	// handle as the adapter made it.
	ReplyTo   string
	Recipient string
	// Attempt counts from 1; a later attempt looks for an earlier post first.
	Attempt  int
	QueuedAt time.Time
}

// Sent is what the platform answered to a reply.
type Sent struct {
	ExternalID string // the post's id on the platform, as resonanz stores it
	URL        string // where a person can see it, if the platform has such a page
}

// RetryAfterError asks to try again after a pause the platform named (HTTP 429).
type RetryAfterError struct {
	Wait time.Duration
	Err  error
}

func (e *RetryAfterError) Error() string { return e.Err.Error() }
func (e *RetryAfterError) Unwrap() error { return e.Err }

// RetryAfter returns the pause a RetryAfterError in err asks for.
func RetryAfter(err error) (time.Duration, bool) {
	var ra *RetryAfterError
	if errors.As(err, &ra) {
		return ra.Wait, true
	}
	return 0, false
}

// ChannelAccount is one of the company's accounts on a platform.
type ChannelAccount struct {
	ID   int64
	Kind string // the adapter: "mastodon", "meta"
	Name string
	// Settings are what the adapter needs besides secrets: server address,
	// hashtags to listen to, page id. Shown to admins.
	Settings map[string]string
	// SealedSecrets are the tokens and app secrets, encrypted; the store
	// keeps them as they are and nobody reads them but the adapter.
	SealedSecrets []byte
	Paused        bool
	Demo          bool // made for the demo: nothing is fetched or sent
	Health        ChannelHealth
	CreatedAt     time.Time
}

// FailingAfter is how many failures in a row turn an account red.
const FailingAfter = 3

// ChannelHealth is how an account's fetching and sending went lately.
type ChannelHealth struct {
	LastSuccess time.Time
	LastError   string
	LastErrorAt time.Time
	Failures    int       // in a row; a success resets it
	NextTry     time.Time // when a failed account is tried again
	Backlog     int       // replies waiting to be sent
}

// Failing reports whether the account needs a person's attention.
func (h ChannelHealth) Failing() bool { return h.Failures >= FailingAfter }

// MaxAccountNameLen bounds an account's name.
const MaxAccountNameLen = 100

// Validate reports the first problem with an account an admin is about to connect.
func (a *ChannelAccount) Validate() error {
	a.Name = strings.TrimSpace(a.Name)
	switch {
	case a.Name == "":
		return FieldError("name", "Give the account a name.").Keyed("channel.account.name")
	case !utf8.ValidString(a.Name) || utf8.RuneCountInString(a.Name) > MaxAccountNameLen:
		return FieldError("name", "The name is too long (at most %d characters).", MaxAccountNameLen).Keyed("name.long")
	case a.Kind == "":
		return FieldError("kind", "Choose the kind of account.").Keyed("channel.account.kind")
	}
	return nil
}

// ChannelAccountService keeps the company's channel accounts, their cursors and health.
type ChannelAccountService interface {
	CreateChannelAccount(ctx context.Context, a *ChannelAccount) error
	FindChannelAccounts(ctx context.Context) ([]*ChannelAccount, error)
	FindChannelAccountByID(ctx context.Context, id int64) (*ChannelAccount, error)
	SetChannelAccountPaused(ctx context.Context, id int64, paused bool) error
	// DeleteChannelAccount removes an account; its messages stay, replies
	// still waiting fail with the reason.
	DeleteChannelAccount(ctx context.Context, id int64) error
	ChannelCursor(ctx context.Context, id int64) (string, error)
	// SaveChannelCursor stores where fetching goes on, and a success.
	SaveChannelCursor(ctx context.Context, id int64, cursor string) error
	// RecordChannelFailure notes a failed fetch or send and when it is tried
	// again; it returns the health after the failure.
	RecordChannelFailure(ctx context.Context, id int64, reason string, nextTry time.Time) (ChannelHealth, error)
	// RecordChannelSuccess notes a successful fetch or send.
	RecordChannelSuccess(ctx context.Context, id int64) error
}

// WebhookChannel is a Channel whose platform pushes messages to resonanz
// (Meta) instead of being asked for them.
type WebhookChannel interface {
	Channel
	// VerifyWebhook answers the platform's subscription handshake: the
	// challenge to echo, or false to refuse.
	VerifyWebhook(mode, token, challenge string) (string, bool)
	// ParseWebhook checks the signature of a pushed body and returns its
	// messages: EUNAUTHORIZED for a bad signature, EINVALID for a body it
	// cannot read.
	ParseWebhook(body []byte, signature string) ([]IncomingMessage, error)
}

// ChannelKind describes a kind of account for the form that connects one.
type ChannelKind struct {
	Kind   string
	Label  string
	Fields []ChannelField
}

// ChannelField is one setting a kind of account asks for.
type ChannelField struct {
	Name     string // form and settings key
	Label    string // catalogue key of the label
	Secret   bool   // sealed at rest, never shown again
	Required bool
	Unique   bool // no two accounts of the kind may share the value (a form's address)
	Example  string
}

// ChannelConnector connects, tests and opens the company's accounts.
type ChannelConnector interface {
	Kinds() []ChannelKind
	// Connect checks a new account's settings and secrets (values by field
	// name), tests the connection unless it is a demo, and stores it.
	Connect(ctx context.Context, a *ChannelAccount, values map[string]string) error
	// Test checks an account's connection now.
	Test(ctx context.Context, id int64) error
	// Webhook opens an account whose platform pushes messages; ENOTFOUND
	// if there is none such.
	Webhook(ctx context.Context, id int64) (WebhookChannel, error)
}

// StreamingChannel is a Channel that can tell at once when something
// arrives (a streaming connection); fetching still goes through Receive
// and its cursor, so a dropped stream loses nothing.
type StreamingChannel interface {
	Channel
	// Listen calls wake for every arrival until ctx ends or the connection breaks.
	Listen(ctx context.Context, wake func()) error
}
