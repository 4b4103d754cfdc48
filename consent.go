package resonanz

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxReasonLen bounds the reason recorded with a contact wish.
const MaxReasonLen = 500

// Consent is a contact's wish about being contacted by the company, as an
// agent recorded it. A contact without a recorded wish may be contacted.
type Consent struct {
	OptOut   bool     // the contact does not want to be contacted
	Channels []string // the channels the opt-out covers; none means every channel
	Reason   string   // why, or where the wish came from ("asked by phone", "objection by letter")
	// Who recorded the wish, when, and in which conversation.
	ConversationID int64
	SetBy          string
	SetAt          time.Time
}

// Forbids reports whether the wish rules out contacting the person on channel.
// A nil wish forbids nothing.
func (c *Consent) Forbids(channel string) bool {
	if c == nil || !c.OptOut {
		return false
	}
	return len(c.Channels) == 0 || slices.Contains(c.Channels, channel)
}

// Validate reports the first problem with a wish an agent is about to record:
// an opt-out needs a reason, channels must exist.
func (c *Consent) Validate() error {
	c.Reason = strings.TrimSpace(c.Reason)
	switch {
	case !utf8.ValidString(c.Reason) || strings.ContainsRune(c.Reason, 0):
		return FieldError("reason", "The reason is not valid text.").Keyed("consent.reason.invalid")
	case c.OptOut && c.Reason == "":
		return FieldError("reason", "Say why or where the customer asked not to be contacted.").Keyed("consent.reason.missing")
	case utf8.RuneCountInString(c.Reason) > MaxReasonLen:
		return FieldError("reason", "The reason is too long (at most %d characters).", MaxReasonLen).Keyed("reason.long")
	}
	for _, ch := range c.Channels {
		if _, ok := LookupChannel(ch); !ok {
			return FieldError("channels", "Unknown channel %q.", ch).Keyed("channel.unknown")
		}
	}
	if !c.OptOut {
		c.Channels = nil
	}
	return nil
}
