package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/resonanz/resonanz/charset"
)

// Entry is one item of an RSS feed or one entry of an Atom feed.
type Entry struct {
	ID        string // guid or id; the link when there is none
	Title     string
	Link      string
	Text      string // the content or summary, reduced to text
	Author    string
	Language  string // as the feed declares it ("de", "en-US"); empty if it does not
	Published time.Time
}

// Limits of one feed. A feed larger than MaxBytes is refused before it is
// parsed; entries beyond MaxEntries are left for the next fetch (feeds
// list the newest first).
const (
	MaxBytes   = 5 << 20
	MaxEntries = 1000
	maxField   = 256 << 10 // characters of one field
)

// ErrNotAFeed is returned for a document that is neither RSS nor Atom.
var ErrNotAFeed = errors.New("not an RSS or Atom feed")

// Parse reads an RSS (0.9x, 1.0, 2.0) or Atom feed. It is lenient where
// feeds in the wild are sloppy (HTML entities, unclosed tags, Latin-1) and
// strict about what it keeps: text only, bounded in size and number.
func Parse(data []byte) ([]Entry, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict, d.Entity = false, xml.HTMLEntity
	d.CharsetReader = charsetReader
	p := &parser{}
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			if root == "" {
				return nil, fmt.Errorf("%w: %v", ErrNotAFeed, err)
			}
			return nil, fmt.Errorf("the feed is broken: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = strings.ToLower(t.Name.Local)
				if root != "rss" && root != "rdf" && root != "feed" {
					return nil, fmt.Errorf("%w (it starts with <%s>)", ErrNotAFeed, t.Name.Local)
				}
			}
			p.start(t)
		case xml.EndElement:
			p.end(t)
		case xml.CharData:
			p.text(t)
		}
		if len(p.entries) >= MaxEntries {
			break
		}
	}
	if root == "" {
		return nil, ErrNotAFeed
	}
	return p.entries, nil
}

// parser follows the elements of a feed.
type parser struct {
	stack    []string // local names, lower case
	langs    []string // xml:lang in force at each level
	feedLang string   // RSS channel/language
	cur      *entry   // the entry being read
	field    *strings.Builder
	// capture is the depth of a content element whose inner elements
	// (Atom's xhtml content) are read as its text; 0: none. nested says
	// that it had some: its text is then text already, not markup.
	capture int
	nested  bool
	entries []Entry
}

// contentElements hold an entry's text, possibly as markup.
var contentElements = map[string]bool{"content": true, "encoded": true, "summary": true, "description": true}

func (p *parser) start(t xml.StartElement) {
	name := strings.ToLower(t.Name.Local)
	if p.capture > 0 {
		p.stack, p.langs, p.nested = append(p.stack, name), append(p.langs, ""), true
		if blocks[name] {
			p.write("\n")
		}
		return
	}
	lang := ""
	if len(p.langs) > 0 {
		lang = p.langs[len(p.langs)-1]
	}
	for _, a := range t.Attr {
		if a.Name.Local == "lang" && (a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
			lang = a.Value
		}
	}
	p.stack, p.langs = append(p.stack, name), append(p.langs, lang)
	p.field = &strings.Builder{}
	switch {
	case (name == "item" || name == "entry") && p.cur == nil:
		p.cur = &entry{depth: len(p.stack), lang: lang, guid: attr(t, "about")}
	case p.cur != nil && name == "link":
		href, rel := attr(t, "href"), attr(t, "rel")
		if href != "" && (rel == "" || rel == "alternate") && p.cur.altLink == "" {
			p.cur.altLink = href
		} else if href != "" && p.cur.anyLink == "" {
			p.cur.anyLink = href
		}
	case p.cur != nil && contentElements[name]:
		p.capture, p.nested = len(p.stack), false
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

func (p *parser) text(t xml.CharData) { p.write(string(t)) }

// write adds to the field being read, up to its limit.
func (p *parser) write(s string) {
	if p.field != nil && p.field.Len()+len(s) <= maxField {
		p.field.WriteString(s)
	}
}

func (p *parser) end(xml.EndElement) {
	if len(p.stack) == 0 {
		return
	}
	depth := len(p.stack)
	name := p.stack[depth-1]
	parent := ""
	if depth > 1 {
		parent = p.stack[depth-2]
	}
	p.stack, p.langs = p.stack[:depth-1], p.langs[:depth-1]
	if p.capture > 0 && depth > p.capture {
		if blocks[name] {
			p.write("\n")
		}
		return
	}
	value := ""
	if p.field != nil {
		value = strings.TrimSpace(p.field.String())
	}
	p.field = nil
	switch {
	case p.cur == nil:
		if name == "language" && parent == "channel" {
			p.feedLang = value
		}
	case depth == p.cur.depth:
		p.finish()
	case value != "":
		p.cur.set(name, parent, value, p.capture > 0 && p.nested)
	}
	p.capture = 0
}

// finish turns the entry read into an Entry; one without any way to name
// it (no id, no link, no title) is dropped.
func (p *parser) finish() {
	c := p.cur
	p.cur = nil
	e := c.Entry
	e.Link = firstOf(c.altLink, c.anyLink)
	e.ID = firstOf(c.guid, c.atomID, e.Link)
	if e.ID == "" && e.Title != "" {
		e.ID = "title:" + e.Title + "|" + c.published
	}
	if e.ID == "" {
		return
	}
	e.Title = plainText(e.Title)
	e.Text = c.text()
	e.Author = strings.TrimSpace(authorName(c.author))
	e.Language = firstOf(c.lang, p.feedLang)
	e.Published = parseTime(firstOf(c.published, c.updated))
	if !safeLink(e.Link) {
		e.Link = ""
	}
	p.entries = append(p.entries, e)
}

// charsetReader reads the encodings feeds declare besides UTF-8.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "windows-1252", "cp1252":
		return charset.Windows1252(r), nil
	}
	return nil, fmt.Errorf("the feed's encoding %q is not supported", label)
}
