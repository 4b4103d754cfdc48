package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/resonanz/resonanz"
)

// Audit words an audit entry; an entry written before kinds shows its stored text.
func (l *locale) Audit(e *resonanz.AuditEvent) template.HTML {
	if e.Kind == "" {
		return escaped(e.Detail)
	}
	return l.Fill(l.T("audit."+e.Kind), e.Params)
}

// Notice words a notification; one written before params shows its stored text.
func (l *locale) Notice(n *resonanz.Notification) template.HTML {
	switch {
	case n.Params != nil:
		return l.Fill(l.T("notice."+n.Kind), n.Params)
	case n.Kind == resonanz.NotifyChannelFailing:
		return escaped(l.T("notice.channel.failing.before") + ": " + n.Text)
	}
	return escaped(n.Text)
}

// AlertStep words what a step of an alert's timeline was about, "" for a
// step without details; a step written before params shows its stored text.
func (l *locale) AlertStep(e *resonanz.AlertEvent) template.HTML {
	if e.Params == nil {
		return escaped(e.Detail)
	}
	return l.Fill(l.T("alert.detail."+e.Kind), e.Params)
}

// Decision words whether a message may leave, and why: "allowed: direct
// answer", "blocked: no surveys since 03.12.".
func (l *locale) Decision(d resonanz.ConsentDecision) template.HTML {
	verdict := l.T("decision.blocked")
	if d.Allowed {
		verdict = l.T("decision.allowed")
	}
	return escaped(verdict+": ") + l.Fill(l.T("decision."+d.Rule), d.Params())
}

// escaped is text as HTML.
func escaped(text string) template.HTML { return template.HTML(template.HTMLEscapeString(text)) }

// Reason words why a routing rule matched ("topic=delivery"); reasons
// stored before they had names show as they are.
func (l *locale) Reason(reason string) string {
	name, value, ok := strings.Cut(reason, "=")
	text, known := l.texts["reason."+name]
	if !ok || !known {
		return reason
	}
	switch name {
	case resonanz.ReasonChannel:
		value = l.Channel(value)
	case resonanz.ReasonKind, resonanz.ReasonSentiment, resonanz.ReasonLanguage, resonanz.ReasonTopic, resonanz.ReasonUrgency:
		value = l.Label(name, value)
	case resonanz.ReasonUrgent:
		value = l.text(value, "urgency")
	}
	if !strings.Contains(text, "%s") {
		return text
	}
	return fmt.Sprintf(text, value)
}

// Reasons words every reason of a rule match, comma-separated.
func (l *locale) Reasons(reasons []string) string {
	words := make([]string, len(reasons))
	for i, r := range reasons {
		words[i] = l.Reason(r)
	}
	return strings.Join(words, ", ")
}
