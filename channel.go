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
}

// Channels lists every channel resonanz accepts, in display order.
var Channels = []ChannelInfo{
	{Name: "mastodon", Label: "Mastodon", CanPublic: true, CanPrivate: true, MaxLen: 500},
	{Name: "facebook", Label: "Facebook", CanPublic: true, CanPrivate: true, MaxLen: 8000},
	{Name: "instagram", Label: "Instagram", CanPublic: true, CanPrivate: true, MaxLen: 1000},
	{Name: "email", Label: "E-Mail", CanPrivate: true},
	{Name: "form", Label: "Web form", CanPrivate: true},
	{Name: "review", Label: "Reviews", CanPublic: true},
	{Name: "forum", Label: "Forum", CanPublic: true, CanPrivate: true},
	{Name: "instore", Label: "In-store", CanPrivate: true},
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

// CheckReplyLength refuses a reply longer than the channel allows, before it
// is queued: a platform would refuse it only when it is too late to edit.
func (ch ChannelInfo) CheckReplyLength(text string) error {
	if n := utf8.RuneCountInString(text); ch.MaxLen > 0 && n > ch.MaxLen {
		return FieldError("text", "The reply has %d characters; %s allows %d. Shorten it, or answer in two replies.", n, ch.Label, ch.MaxLen).Keyed("reply.long")
	}
	return nil
}
