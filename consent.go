package resonanz

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Purposes for which the company contacts a customer. A customer's wishes
// are kept per purpose and channel.
const (
	PurposeService = "service" // answers and notices about the customer's own matters
	PurposeSurvey  = "survey"  // satisfaction surveys
	PurposeNews    = "news"    // news and offers
	// PurposeContact is the wish about any contact at all: denied is "do
	// not contact", which blocks everything but a direct answer to a
	// message the customer sent in the same thread. It holds on every channel.
	PurposeContact = "contact"
)

// Purposes lists the purposes of outgoing messages, in the order pages show them.
var Purposes = []string{PurposeService, PurposeSurvey, PurposeNews}

// States of a wish.
const (
	WishAllowed = "allowed"
	WishDenied  = "denied"  // not allowed
	WishUnknown = "unknown" // the customer said nothing (or took back what they said)
)

// WishStates lists the states of a wish.
var WishStates = []string{WishAllowed, WishDenied, WishUnknown}

// Sources of a wish: who stated it, and where.
const (
	SourceAgent    = "agent"    // an agent took it down (phone, letter, a message), with a reason
	SourceCustomer = "customer" // the customer themself, on their wishes page
	SourceMigrated = "migrated" // an opt-out recorded before wishes had purposes (migration 0050)
)

// EveryChannel names "every channel" where a channel is expected in a
// form or the params of an event; a wish stores it as "".
const EveryChannel = "all"

// Limits of what a wish keeps.
const (
	MaxReasonLen  = 500
	MaxWordingLen = 1000
)

// Wish is one statement of a customer about being contacted for one purpose
// on one channel, with where it came from and the exact wording agreed to.
// Wishes are facts: a new one replaces the one in force for its purpose and
// channel, and the earlier ones stay as the history.
type Wish struct {
	ID        int64
	ContactID int64
	Purpose   string // one of Purposes, or PurposeContact
	Channel   string // a wish channel (see WishChannel); "": every channel
	State     string // WishAllowed, WishDenied or WishUnknown
	Source    string // one of the Source* values
	// Wording is the exact statement the customer agreed to, as it was
	// shown to them (their wishes page) or as they said it (to an agent).
	Wording  string
	Language string // of Wording
	// Reason is an agent's note: why, or where the wish came from.
	Reason         string
	ConversationID int64  // where an agent recorded it; 0: none
	SetBy          string // the agent who recorded it; "": the customer themself
	SetAt          time.Time
}

// DoNotContact reports whether the wish is "do not contact".
func (w *Wish) DoNotContact() bool {
	return w != nil && w.Purpose == PurposeContact && w.State == WishDenied
}

// Validate reports the first problem of a wish about to be recorded. An
// agent must say why or where the customer stated it.
func (w *Wish) Validate() error {
	w.Reason, w.Wording = strings.TrimSpace(w.Reason), strings.TrimSpace(w.Wording)
	if w.Channel == EveryChannel {
		w.Channel = ""
	}
	switch {
	case w.Purpose != PurposeContact && !slices.Contains(Purposes, w.Purpose):
		return FieldError("purpose", "Unknown purpose %q.", w.Purpose).Keyed("wish.purpose.unknown")
	case !slices.Contains(WishStates, w.State):
		return FieldError("state", "Unknown state %q.", w.State).Keyed("wish.state.unknown")
	case w.Purpose == PurposeContact && w.Channel != "":
		return FieldError("channel", "\"Do not contact\" holds on every channel.").Keyed("wish.contact.channel")
	case w.Channel != "" && !IsWishChannel(w.Channel):
		return FieldError("channel", "Unknown channel %q.", w.Channel).Keyed("channel.unknown")
	case !utf8.ValidString(w.Reason) || strings.ContainsRune(w.Reason, 0) || !utf8.ValidString(w.Wording) || strings.ContainsRune(w.Wording, 0):
		return FieldError("reason", "The reason is not valid text.").Keyed("consent.reason.invalid")
	case w.Source == SourceAgent && w.Reason == "":
		return FieldError("reason", "Say why or where the customer asked not to be contacted.").Keyed("consent.reason.missing")
	case utf8.RuneCountInString(w.Reason) > MaxReasonLen:
		return FieldError("reason", "The reason is too long (at most %d characters).", MaxReasonLen).Keyed("reason.long")
	case utf8.RuneCountInString(w.Wording) > MaxWordingLen:
		return FieldError("wording", "The wording is too long (at most %d characters).", MaxWordingLen).Keyed("wish.wording.long")
	case w.Source != SourceAgent && w.Source != SourceCustomer && w.Source != SourceMigrated:
		return FieldError("source", "Unknown source %q.", w.Source).Keyed("wish.source.unknown")
	}
	return nil
}

// WishChannel is the channel a customer's wishes about messages on channel
// hold for: where the messages actually reach them. Replies to a web form
// and to the store's kiosk go by email, so wishes about email hold for them.
func WishChannel(channel string) string {
	switch channel {
	case "form", "instore":
		return "email"
	}
	return channel
}

// IsWishChannel reports whether wishes may name channel: a channel whose
// messages reach customers on it.
func IsWishChannel(channel string) bool {
	_, ok := LookupChannel(channel)
	return ok && WishChannel(channel) == channel
}

// WishChannels lists the channels a person's wishes are about: those of
// their handles, as WishChannel names them, each once, in order.
func WishChannels(ids []Identity) []string {
	var list []string
	for _, id := range ids {
		if ch := WishChannel(id.Channel); !slices.Contains(list, ch) {
			list = append(list, ch)
		}
	}
	return list
}

// Wishes are a contact's wishes in force: the newest one per purpose and
// channel. A nil *Wishes is a contact who never said anything.
type Wishes struct {
	current map[wishKey]*Wish
}

type wishKey struct{ purpose, channel string }

// NewWishes returns the wishes in force after the given history, in any
// order: for each purpose and channel the one recorded last (the highest
// ID; without IDs, the latest SetAt).
func NewWishes(history []*Wish) *Wishes {
	w := &Wishes{current: map[wishKey]*Wish{}}
	for _, h := range history {
		k := wishKey{h.Purpose, h.Channel}
		if old := w.current[k]; old == nil || newer(h, old) {
			w.current[k] = h
		}
	}
	return w
}

func newer(a, b *Wish) bool {
	if a.ID != 0 && b.ID != 0 {
		return a.ID > b.ID
	}
	return a.SetAt.After(b.SetAt)
}

// Get returns the wish in force for exactly this purpose and channel ("":
// every channel); nil when there is none or it is unknown.
func (w *Wishes) Get(purpose, channel string) *Wish {
	if w == nil {
		return nil
	}
	if x := w.current[wishKey{purpose, channel}]; x != nil && x.State != WishUnknown {
		return x
	}
	return nil
}

// State is the state of purpose on a wish channel and the wish it comes
// from: a wish about the channel before one about every channel; unknown
// and nil when neither says anything.
func (w *Wishes) State(purpose, channel string) (string, *Wish) {
	if x := w.Get(purpose, channel); x != nil && channel != "" {
		return x.State, x
	}
	if x := w.Get(purpose, ""); x != nil {
		return x.State, x
	}
	return WishUnknown, nil
}

// DoNotContact returns the "do not contact" wish in force, nil if there is none.
func (w *Wishes) DoNotContact() *Wish {
	if x := w.Get(PurposeContact, ""); x.DoNotContact() {
		return x
	}
	return nil
}

// InForce lists the wishes in force that say something (not unknown):
// "do not contact" first, then by purpose and channel.
func (w *Wishes) InForce() []*Wish {
	if w == nil {
		return nil
	}
	var list []*Wish
	for _, x := range w.current {
		if x.State != WishUnknown {
			list = append(list, x)
		}
	}
	order := func(p string) int { return slices.Index(append([]string{PurposeContact}, Purposes...), p) }
	slices.SortFunc(list, func(a, b *Wish) int {
		if d := order(a.Purpose) - order(b.Purpose); d != 0 {
			return d
		}
		return strings.Compare(a.Channel, b.Channel)
	})
	return list
}

// ContactAttempt is an outgoing message as the consent check sees it.
type ContactAttempt struct {
	Purpose string
	Channel string // the conversation's channel (WishChannel maps it)
	// Direct tells that it is an agent's answer to a message the customer
	// sent to the company in the same thread (see the store's directAnswer).
	Direct bool
}

// ConsentPolicy is what the company decided for customers who said nothing.
type ConsentPolicy struct {
	// SurveysUnknown lets a satisfaction survey go to a customer who said
	// nothing about surveys; false: only to those who agreed. News and
	// offers always need a yes; service replies never do.
	SurveysUnknown bool
}

// Why a message may leave or not: the rule of a ConsentDecision.
const (
	DecisionDirect       = "direct"     // a direct answer to the customer's own message
	DecisionAgreed       = "agreed"     // the customer agreed to the purpose
	DecisionDefault      = "default"    // nothing recorded, and the purpose needs no yes
	DecisionDenied       = "denied"     // the customer said no to the purpose on every channel
	DecisionDeniedOn     = "denied_on"  // … on this channel
	DecisionDoNotContact = "dnc"        // the customer does not want to be contacted
	DecisionNotAgreed    = "not_agreed" // the purpose needs a yes, and there is none
)

// ConsentDecision says whether an outgoing message may leave, and why.
type ConsentDecision struct {
	Allowed bool
	Rule    string // one of the Decision* values
	Purpose string
	Channel string    // the wish channel
	Since   time.Time // when the deciding wish was recorded; zero: no wish decided
	WishID  int64
}

// MayContact is the one place that decides whether an outgoing message may
// leave, given the contact's wishes in force: every way into the outbox asks
// it, in the transaction that queues the message.
//
//  1. A "no" to the purpose on the channel, or on every channel, blocks
//     it, even a direct answer: the customer asked not to get these there.
//  2. "Do not contact" blocks everything but a direct answer (service).
//  3. A "yes" to the purpose lets it leave.
//  4. Where the customer said nothing, service replies leave, surveys as
//     the policy says, news and offers never.
func MayContact(w *Wishes, a ContactAttempt, p ConsentPolicy) ConsentDecision {
	d := ConsentDecision{Purpose: a.Purpose, Channel: WishChannel(a.Channel)}
	decide := func(allowed bool, rule string, from *Wish) ConsentDecision {
		d.Allowed, d.Rule = allowed, rule
		if from != nil {
			d.Since, d.WishID = from.SetAt, from.ID
		}
		return d
	}
	if !slices.Contains(Purposes, a.Purpose) {
		return decide(false, DecisionNotAgreed, nil)
	}
	state, from := w.State(a.Purpose, d.Channel)
	if state == WishDenied {
		if from.Channel != "" {
			return decide(false, DecisionDeniedOn, from)
		}
		return decide(false, DecisionDenied, from)
	}
	if dnc := w.DoNotContact(); dnc != nil {
		if a.Direct && a.Purpose == PurposeService {
			return decide(true, DecisionDirect, dnc)
		}
		return decide(false, DecisionDoNotContact, dnc)
	}
	if state == WishAllowed {
		return decide(true, DecisionAgreed, from)
	}
	switch {
	case a.Purpose == PurposeService && a.Direct:
		return decide(true, DecisionDirect, nil)
	case a.Purpose == PurposeService, a.Purpose == PurposeSurvey && p.SurveysUnknown:
		return decide(true, DecisionDefault, nil)
	}
	return decide(false, DecisionNotAgreed, nil)
}

// Params are the facts of the decision for the audit trail and the pages:
// purpose, channel, rule, since (RFC 3339, empty when no wish decided).
func (d ConsentDecision) Params() Params {
	p := Params{"purpose": d.Purpose, "channel": d.Channel, "rule": d.Rule}
	if !d.Since.IsZero() {
		p["since"] = d.Since.UTC().Format(time.RFC3339)
	}
	return p
}

// Kinds of outgoing messages: every outbox entry is one of these.
const (
	OutboundReply  = "reply"      // an agent's answer
	OutboundBulk   = "bulk_reply" // one reply of a bulk reply from a crisis room
	OutboundSurvey = "survey"     // a satisfaction survey after a conversation was solved
	OutboundNotice = "notice"     // a notice the company sends of its own accord
)

// ContactWishes is what resonanz knows of a person's wishes.
type ContactWishes struct {
	Contact  *Contact
	Channels []string // the wish channels of their handles (see WishChannels)
	History  []*Wish  // every wish, newest first
}

// ConsentService keeps the customers' wishes and tells what may leave.
type ConsentService interface {
	// RecordWish records a wish an agent took down for the customer of
	// conversation id (Source is SourceAgent), audited there.
	RecordWish(ctx context.Context, conversationID int64, by *User, w Wish) error
	// ContactWishes returns a person's channels and every wish, newest
	// first; ENOTFOUND if there is no such contact.
	ContactWishes(ctx context.Context, contactID int64) (*ContactWishes, error)
	// SetOwnWishes records what a customer chose on their wishes page
	// (Source SourceCustomer, with the wording the page showed): only the
	// wishes that differ from those in force. It returns how many changed.
	SetOwnWishes(ctx context.Context, contactID int64, wishes []Wish) (int, error)
	// ConsentDecisions tells what may leave in conversation id now: an
	// agent's reply, a survey and news, in the order of Purposes.
	ConsentDecisions(ctx context.Context, conversationID int64) ([]ConsentDecision, error)
	// SendNotice queues a notice of the purpose (service or news) in
	// conversation id; EFORBIDDEN, logged, when the wishes rule it out.
	SendNotice(ctx context.Context, conversationID int64, by *User, purpose, text string) (*OutboxItem, error)
}

// Links make the signed, expiring addresses of the pages customers reach
// without an account: their wishes and a survey. "" when none can be made
// yet (the server's public address is not known).
type Links interface {
	WishesLink(contactID int64, lang string) string
	SurveyLink(surveyID int64, lang string) string
}

// CustomerLanguage is the language of the pages and texts a customer gets:
// English for English messages, German otherwise (the company's).
func CustomerLanguage(lang string) string {
	if lang == LangEnglish {
		return LangEnglish
	}
	return LangGerman
}

// FillLink puts link into a text's placeholder {link}.
func FillLink(text, link string) string { return strings.ReplaceAll(text, "{link}", link) }
