package email

import (
	"bytes"
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
	msg.ReplyAddress = c.replyAddress(m)
	msg.Attachments = files(m, raw)
	return msg, ""
}

// replyAddress is where the customer wants answers, when not to the sender:
// a Reply-To that names another address (a shared family mailbox, a shop
// system writing on a customer's behalf). The sender stays the contact's
// handle, as a helpdesk user expects: the person who wrote is who the
// conversation is with, and their next mail from the same address joins it.
// A Reply-To naming this account itself is ignored, lest a reply go to the
// company's own inbox and loop.
func (c *Channel) replyAddress(m *Mail) string {
	a := m.ReplyTo.Address
	if a == "" || a == m.From.Address || a == c.address {
		return ""
	}
	return a
}

// files are the mail's attachments and the mail itself, kept for download.
func files(m *Mail, raw []byte) []*resonanz.Attachment {
	out := []*resonanz.Attachment{{Name: "original.eml", Type: "message/rfc822", Size: int64(len(raw)), Original: true, Data: raw}}
	for _, a := range m.Attachments {
		out = append(out, &resonanz.Attachment{Name: a.Name, Type: a.Type, Size: a.Size, Data: a.Data})
	}
	return out
}

// text is what an agent reads: the subject of a first mail and the new
// text; the attachments are listed beside it with their links.
func text(m *Mail) string {
	var b strings.Builder
	if m.Subject != "" && !replySubject.MatchString(m.Subject) {
		b.WriteString(m.Subject + "\n\n")
	}
	b.WriteString(m.Text)
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
