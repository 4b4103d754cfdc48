package route

import (
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// matches reports whether all the rule's conditions hold for the message,
// checking the cheap ones first. Values compare ignoring case.
func (r *compiledRule) matches(in *resonanz.RouteInput, m *messageStems) bool {
	c := &r.cond
	switch {
	case c.VIP && !in.VIP, c.Repeat && !in.Repeat, c.Urgent && len(in.Urgency) == 0:
		return false
	case len(c.Channels) > 0 && !hasFold(c.Channels, in.Channel),
		len(c.Kinds) > 0 && !hasFold(c.Kinds, in.Kind),
		len(c.Sentiments) > 0 && !hasFold(c.Sentiments, in.Sentiment),
		len(c.Languages) > 0 && !hasFold(c.Languages, in.Language),
		len(c.Topics) > 0 && firstShared(c.Topics, in.Topics) == "",
		len(c.Urgency) > 0 && firstShared(c.Urgency, in.Urgency) == "":
		return false
	case len(c.Keywords) > 0:
		return r.firstKeyword(m) != ""
	}
	return true
}

// reasons explains a match, one reason per condition the rule has; reasons
// are built only for matching rules, so their cost does not grow with the
// number of rules.
func (r *compiledRule) reasons(in *resonanz.RouteInput, m *messageStems) []string {
	c := &r.cond
	out := make([]string, 0, 4)
	if len(c.Channels) > 0 {
		out = append(out, "channel is "+in.Channel)
	}
	if len(c.Kinds) > 0 {
		out = append(out, "kind is "+in.Kind)
	}
	if len(c.Sentiments) > 0 {
		out = append(out, "sentiment is "+in.Sentiment)
	}
	if len(c.Languages) > 0 {
		out = append(out, "language is "+in.Language)
	}
	if len(c.Topics) > 0 {
		out = append(out, "topic "+firstShared(c.Topics, in.Topics))
	}
	if len(c.Urgency) > 0 {
		out = append(out, "urgency signal "+firstShared(c.Urgency, in.Urgency))
	}
	if c.Urgent {
		out = append(out, "urgent ("+strings.Join(in.Urgency, ", ")+")")
	}
	if c.VIP {
		out = append(out, "VIP customer")
	}
	if c.Repeat {
		out = append(out, "customer wrote before")
	}
	if len(c.Keywords) > 0 {
		out = append(out, "keyword "+strconv.Quote(r.firstKeyword(m)))
	}
	if len(out) == 0 {
		out = append(out, "matches every message")
	}
	return out
}

// firstKeyword returns the first of the rule's keywords the message has.
func (r *compiledRule) firstKeyword(m *messageStems) string {
	for i := range r.keywords {
		if r.keywords[i].in(m) {
			return r.keywords[i].text
		}
	}
	return ""
}

// hasFold reports whether list has v, ignoring case.
func hasFold(list []string, v string) bool {
	for _, s := range list {
		if strings.EqualFold(s, v) {
			return true
		}
	}
	return false
}

// firstShared returns the first value of have that is in want, ignoring
// case; "" when none is.
func firstShared(want, have []string) string {
	for _, h := range have {
		if h != "" && hasFold(want, h) {
			return h
		}
	}
	return ""
}
