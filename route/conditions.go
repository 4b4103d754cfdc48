package route

import (
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

// reasons explains a match, one reason per condition the rule has, as
// "condition=value" (see resonanz.RuleMatch); reasons are built only for
// matching rules, so their cost does not grow with the number of rules.
func (r *compiledRule) reasons(in *resonanz.RouteInput, m *messageStems) []string {
	c := &r.cond
	out := make([]string, 0, 4)
	add := func(cond bool, name, value string) {
		if cond {
			out = append(out, name+"="+value)
		}
	}
	add(len(c.Channels) > 0, resonanz.ReasonChannel, in.Channel)
	add(len(c.Kinds) > 0, resonanz.ReasonKind, in.Kind)
	add(len(c.Sentiments) > 0, resonanz.ReasonSentiment, in.Sentiment)
	add(len(c.Languages) > 0, resonanz.ReasonLanguage, in.Language)
	add(len(c.Topics) > 0, resonanz.ReasonTopic, firstShared(c.Topics, in.Topics))
	add(len(c.Urgency) > 0, resonanz.ReasonUrgency, firstShared(c.Urgency, in.Urgency))
	add(c.Urgent, resonanz.ReasonUrgent, strings.Join(in.Urgency, ","))
	add(c.VIP, resonanz.ReasonVIP, "")
	add(c.Repeat, resonanz.ReasonRepeat, "")
	add(len(c.Keywords) > 0, resonanz.ReasonKeyword, r.firstKeyword(m))
	if len(out) == 0 {
		out = append(out, resonanz.ReasonAlways+"=")
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
