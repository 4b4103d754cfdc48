package resonanz

import "unicode/utf8"

// ChannelInfo describes a channel customers write on and what replies it allows.
type ChannelInfo struct {
	Name       string
	Label      string
	CanPublic  bool // replies can be posted publicly (e.g. an answer under a post)
	CanPrivate bool // replies can be sent privately (e.g. a direct message or email)
	// MaxLen is how many characters one reply may have; 0: no limit. An
	// account's server may allow other limits (see ChannelCaps).
	MaxLen int
	// Threads tells that replies can follow one another in a thread, so
	// that a longer answer can go out as numbered replies (see SplitReply).
	Threads bool
	// Mentions tells that every reply begins with the customer's handle,
	// which takes room of the reply's characters.
	Mentions bool
}

// Channels lists every channel resonanz accepts, in display order.
var Channels = []ChannelInfo{
	{Name: "mastodon", Label: "Mastodon", CanPublic: true, CanPrivate: true, MaxLen: 500, Threads: true, Mentions: true},
	{Name: "facebook", Label: "Facebook", CanPublic: true, CanPrivate: true, MaxLen: 8000},
	{Name: "instagram", Label: "Instagram", CanPublic: true, CanPrivate: true, MaxLen: 1000},
	{Name: "email", Label: "E-Mail", CanPrivate: true},
	{Name: "form", Label: "Web form", CanPrivate: true},
	{Name: "review", Label: "Reviews", CanPublic: true},
	{Name: "forum", Label: "Forum", CanPublic: true, CanPrivate: true},
	{Name: "instore", Label: "In-store", CanPrivate: true},
	{Name: "system", Label: "Own systems", CanPrivate: true}, // the company's shop or CRM, pushing to /hooks/{id}
}

// LookupChannel returns the channel with the given name.
func LookupChannel(name string) (ChannelInfo, bool) {
	for _, c := range Channels {
		if c.Name == name {
			return c, true
		}
	}
	return ChannelInfo{}, false
}

// ReplyVisibility returns whether a reply on ch goes out publicly, given the
// visibility the customer chose and the agent's wish. A channel that cannot
// answer in the wanted way falls back to the way it can.
func (ch ChannelInfo) ReplyVisibility(wantPublic bool) (public bool) {
	switch {
	case wantPublic && ch.CanPublic:
		return true
	case !wantPublic && ch.CanPrivate:
		return false
	default:
		return ch.CanPublic
	}
}

// ReplyLimit is how many characters an agent may write in a reply to the
// customer with the handle: MaxLen, less the room of the mention where the
// channel puts one first (the whole handle and a space, as much as any
// server counts); 0: no limit.
func (ch ChannelInfo) ReplyLimit(handle string) int {
	if ch.MaxLen > 0 && ch.Mentions && handle != "" {
		return ch.MaxLen - utf8.RuneCountInString(handle) - 1
	}
	return ch.MaxLen
}

// CheckReplyLength refuses a reply to the customer with the handle that is
// longer than the channel allows, before it is queued: a platform would
// refuse it only when it is too late to edit.
func (ch ChannelInfo) CheckReplyLength(text, handle string) error {
	limit := ch.ReplyLimit(handle)
	if n := utf8.RuneCountInString(text); limit > 0 && n > limit {
		if limit < ch.MaxLen {
			return FieldError("text", "The reply has %d characters; %s allows %d, %d of them besides the mention of %s. Shorten it, or answer in two replies.", n, ch.Label, ch.MaxLen, limit, handle)
		}
		return FieldError("text", "The reply has %d characters; %s allows %d. Shorten it, or answer in two replies.", n, ch.Label, ch.MaxLen)
	}
	return nil
}
