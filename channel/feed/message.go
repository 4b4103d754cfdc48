package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// message turns an entry into a public message not addressed to the
// company, with the link where it can be answered. An entry keeps its
// external id in every feed that carries it, so two accounts listening to
// one site store it once.
func (c *Channel) message(e *Entry) resonanz.IncomingMessage {
	sum := sha256.Sum256([]byte(e.ID))
	id := hex.EncodeToString(sum[:16])
	text := e.Text
	if e.Title != "" && !strings.HasPrefix(e.Text, e.Title) {
		text = strings.TrimSpace(e.Title + "\n\n" + e.Text)
	}
	body := clip(text, resonanz.MaxTextLen-utf8.RuneCountInString(e.Link)-10)
	if body == "" {
		body = "…"
	}
	if e.Link != "" {
		body += "\n\n🔗 " + e.Link
	}
	m := resonanz.IncomingMessage{Channel: c.channel, ExternalID: "feed:" + id, Text: body, Time: e.Published,
		Visibility: resonanz.Public, Unaddressed: true,
		Author: resonanz.Author{Handle: "feed:" + id, DisplayName: clip(e.Author, resonanz.MaxNameLen)}}
	if e.Author != "" {
		// The same author on the same site is one person, whose entries thread.
		m.Author.Handle = clip(c.host+"/"+e.Author, resonanz.MaxHandleLen)
	}
	if m.Author.DisplayName == "" {
		m.Author.DisplayName = clip(c.host, resonanz.MaxNameLen)
	}
	return m
}

// clip shortens s to at most n characters, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
