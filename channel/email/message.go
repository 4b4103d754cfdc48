package email

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// replySubject matches the subjects of answers, which say nothing new.
var replySubject = regexp.MustCompile(`(?i)^\s*(re|aw|antw|sv|wg|fw|fwd)\s*(\[\d+\])?\s*:`)

// incoming turns a fetched mail into a message for ingest, or says why it
// is skipped. The external id is the Message-ID (the SHA-256 of the mail
// when it has none), so the same mail fetched twice — from two mailboxes,
// after a UIDVALIDITY change — is stored once.
func (c *Channel) incoming(raw []byte, internal time.Time) (resonanz.IncomingMessage, string) {
	m, err := Parse(bytes.NewReader(raw))
	if err != nil {
		return resonanz.IncomingMessage{}, "unreadable mail: " + err.Error()
	}
	id := m.MessageID
	if id == "" {
		id = hashID(raw)
	}
	msg := resonanz.IncomingMessage{Channel: "email", ExternalID: id, Visibility: resonanz.Private, Time: m.Date,
		Author: resonanz.Author{Handle: m.From.Address, DisplayName: m.From.Name}}
	switch {
	case m.Auto != "":
		return msg, m.Auto
	case m.From.Address == "":
		return msg, "no sender address"
	case m.From.Address == c.address:
		return msg, "sent by this account itself"
	}
	if msg.Time.IsZero() {
		msg.Time = internal
	}
	msg.ReplyTo = m.InReplyTo
	if msg.ReplyTo == "" && len(m.References) > 0 {
		msg.ReplyTo = m.References[len(m.References)-1]
	}
	msg.Text = text(m)
	return msg, ""
}

// text is what an agent reads: the subject of a first mail, the new text,
// and the attachments by name and size.
func text(m *Mail) string {
	var b strings.Builder
	if m.Subject != "" && !replySubject.MatchString(m.Subject) {
		b.WriteString(m.Subject + "\n\n")
	}
	b.WriteString(m.Text)
	for _, a := range m.Attachments {
		fmt.Fprintf(&b, "\n📎 %s (%s)", a.Name, size(a.Size))
	}
	if m.Incomplete != "" {
		b.WriteString("\n⚠ " + m.Incomplete)
	}
	s := strings.TrimSpace(b.String())
	if s == "" {
		s = "✉"
	}
	if r := []rune(s); len(r) > resonanz.MaxTextLen {
		s = string(r[:resonanz.MaxTextLen-1]) + "…"
	}
	return s
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
