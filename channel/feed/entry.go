package feed

import (
	"strings"
	"time"
	"unicode/utf8"
)

// entry is an Entry while it is read, with the candidates for each field.
type entry struct {
	Entry
	guid, atomID, content, summary, published, updated, altLink, anyLink, author string
	depth                                                                        int
	lang                                                                         string
	contentPlain, summaryPlain                                                   bool // text already, not markup
}

// set keeps the value of one element of an entry.
func (c *entry) set(name, parent, value string, plain bool) {
	switch name {
	case "title":
		if parent == "item" || parent == "entry" {
			c.Title = value
		}
	case "link":
		if c.anyLink == "" {
			c.anyLink = value
		}
	case "guid":
		c.guid = value
	case "id":
		if parent == "entry" {
			c.atomID = value
		}
	case "encoded", "content":
		c.content, c.contentPlain = value, plain
	case "description", "summary":
		c.summary, c.summaryPlain = value, plain
	case "pubdate", "published", "issued", "date":
		c.published = value
	case "updated", "modified":
		c.updated = value
	case "name":
		if parent == "author" {
			c.author = value
		}
	case "author", "creator":
		if c.author == "" {
			c.author = value
		}
	case "language":
		c.lang = value
	}
}

// text is the entry's content, else its summary, as text.
func (c *entry) text() string {
	value, plain := c.content, c.contentPlain
	if value == "" {
		value, plain = c.summary, c.summaryPlain
	}
	if plain {
		return tidy(value)
	}
	return plainText(value)
}

func firstOf(list ...string) string {
	for _, s := range list {
		if s != "" {
			return s
		}
	}
	return ""
}

// authorName reads "kim@example.org (Kim Meyer)", RSS's way, as the name.
func authorName(s string) string {
	if open := strings.IndexByte(s, '('); open > 0 && strings.HasSuffix(s, ")") {
		return s[open+1 : len(s)-1]
	}
	return s
}

// safeLink keeps only links a person may follow from the inbox.
func safeLink(s string) bool {
	return (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) && utf8.ValidString(s) && len(s) <= 2000 &&
		!strings.ContainsAny(s, " \n\r\t")
}

var timeLayouts = []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700", "Mon, 02 Jan 2006 15:04 -0700", time.RFC822Z, time.RFC822, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"}

// parseTime reads a feed's time; zero if it cannot (ingest then takes the arrival).
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
