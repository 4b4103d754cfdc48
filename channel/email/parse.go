package email

import (
	"bufio"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message"

	"github.com/resonanz/resonanz/attachment"
)

// Limits on one mail, so that a hostile or broken one costs bounded memory
// and time and never stops the others.
const (
	// MaxMailSize is the largest mail taken in; a larger one is skipped
	// with the reason before its body is fetched.
	MaxMailSize = 25 << 20
	maxHeader   = 256 << 10 // bytes of one header block
	maxParts    = 500       // MIME parts looked at; the rest is left out
	maxDepth    = 12        // multiparts inside multiparts
	maxTextRead = 2 << 20   // bytes of one text part read
)

// Mail is what resonanz takes from one email.
type Mail struct {
	MessageID  string // normalised, see normID; "" when the mail has none
	InReplyTo  string
	References []string
	From       mail.Address // Address in lower case
	// ReplyTo is the first address of the Reply-To header, in lower case;
	// empty when there is none.
	ReplyTo mail.Address
	Subject string
	Date    time.Time
	// Text is the new text of the mail: HTML reduced to text, quoted
	// history and signature folded away.
	Text        string
	Attachments []Attachment
	// Auto says why the mail was written by a machine (an auto-reply, a
	// bounce); "" for a person's mail.
	Auto string
	// Incomplete says what was left out of a mail too complex to read whole.
	Incomplete string
}

// Attachment is a file that came with a mail.
type Attachment struct {
	Name string // safe to show; never a path
	Type string
	Size int64
	// Data are its bytes, decoded; shorter than Size when the part was
	// larger than any mail taken in.
	Data []byte
}

// Parse reads one mail. It fails only when not even the header can be read;
// broken parts, unknown charsets and too many parts are read as well as
// they can be.
func Parse(r io.Reader) (*Mail, error) {
	e, err := message.ReadWithOptions(bufio.NewReader(r), &message.ReadOptions{MaxHeaderBytes: maxHeader})
	if e == nil { // an unknown charset or encoding still gives the entity
		return nil, fmt.Errorf("unreadable header: %w", err)
	}
	h := e.Header
	m := &Mail{
		MessageID:  normID(firstID(h.Get("Message-Id"))),
		InReplyTo:  normID(firstID(h.Get("In-Reply-To"))),
		References: ids(h.Get("References")),
		Subject:    oneLine(decodeWords(h.Get("Subject"))),
	}
	m.From = from(h.Get("From"))
	m.ReplyTo = replyAddress(h.Get("Reply-To"))
	if d, err := mail.ParseDate(h.Get("Date")); err == nil {
		m.Date = d
	}
	m.Auto = autoReason(h, m.From.Address, m.Subject)
	p := &parts{}
	p.walk(e, 0)
	m.Attachments, m.Incomplete = p.attachments, p.incomplete
	text := p.plain
	if strings.TrimSpace(text) == "" {
		text = htmlText(p.html)
	}
	m.Text = foldQuotes(text)
	return m, nil
}

// parts gathers the first plain text, the first HTML and the attachments.
type parts struct {
	plain, html string
	attachments []Attachment
	seen        int
	incomplete  string
}

func (p *parts) walk(e *message.Entity, depth int) {
	p.seen++
	if p.seen > maxParts {
		p.incomplete = fmt.Sprintf("more than %d MIME parts; the rest was left out", maxParts)
		return
	}
	if mr := e.MultipartReader(); mr != nil {
		if depth >= maxDepth {
			p.incomplete = fmt.Sprintf("multiparts nested more than %d deep; the inner ones were left out", maxDepth)
			return
		}
		for p.seen <= maxParts {
			// An unknown charset comes as an error with a readable part (the
			// charset is decoded below); a broken structure (a missing last
			// boundary is common) as no part: it is read up to the break.
			part, _ := mr.NextPart()
			if part == nil {
				return
			}
			p.walk(part, depth+1)
		}
		return
	}
	mediaType, params, _ := e.Header.ContentType()
	disposition, dparams, _ := e.Header.ContentDisposition()
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	isText := mediaType == "" || mediaType == "text/plain" || mediaType == "text/html"
	if disposition == "attachment" || !isText || (name != "" && disposition != "inline") {
		data, _ := io.ReadAll(io.LimitReader(e.Body, MaxMailSize))
		rest, _ := io.Copy(io.Discard, e.Body)
		p.attachments = append(p.attachments, Attachment{Name: attachment.SafeName(decodeWords(name), mediaType), Type: mediaType,
			Size: int64(len(data)) + rest, Data: data})
		return
	}
	if mediaType == "text/html" && p.html != "" || mediaType != "text/html" && p.plain != "" {
		return // a second text part: a later alternative or an inline note
	}
	b, err := io.ReadAll(io.LimitReader(e.Body, maxTextRead))
	if err != nil && len(b) == 0 {
		p.incomplete = "a text part could not be decoded"
		return
	}
	// go-message has decoded the transfer encoding; without a global
	// charset reader set it leaves the charset to us.
	text := decodeCharset(params["charset"], b)
	if mediaType == "text/html" {
		p.html = text
	} else {
		p.plain = text
	}
}

// from reads the sender; a From header too broken to parse still gives its
// address when one can be seen in it.
func from(v string) mail.Address {
	a := fromHeader(v)
	if local, domain, ok := strings.Cut(a.Address, "@"); !ok || local == "" || domain == "" || strings.ContainsAny(a.Address, " <>,;\"\\") {
		return mail.Address{}
	}
	return a
}

// replyAddress reads the first address of a Reply-To header, with the
// same care as the sender: a list names several, replies go to the first.
func replyAddress(v string) mail.Address {
	if strings.TrimSpace(v) == "" {
		return mail.Address{}
	}
	parser := mail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: charsetReader}}
	if list, err := parser.ParseList(v); err == nil && len(list) > 0 {
		v = "<" + list[0].Address + ">"
	}
	return from(v)
}

func fromHeader(v string) mail.Address {
	parser := mail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: charsetReader}}
	if a, err := parser.Parse(v); err == nil {
		return mail.Address{Name: oneLine(a.Name), Address: strings.ToLower(a.Address)}
	}
	v = decodeWords(v)
	if lt := strings.LastIndexByte(v, '<'); lt >= 0 {
		if gt := strings.IndexByte(v[lt:], '>'); gt > 0 {
			return mail.Address{Name: oneLine(strings.Trim(v[:lt], ` "`)), Address: strings.ToLower(strings.TrimSpace(v[lt+1 : lt+gt]))}
		}
	}
	for _, f := range strings.Fields(v) {
		if strings.Contains(f, "@") {
			return mail.Address{Address: strings.ToLower(strings.Trim(f, "<>,;\""))}
		}
	}
	return mail.Address{}
}

// decodeWords decodes RFC 2047 encoded words; raw 8-bit text that is not
// UTF-8 is read as Windows-1252, as mail clients do.
func decodeWords(v string) string {
	d := mime.WordDecoder{CharsetReader: charsetReader}
	if s, err := d.DecodeHeader(v); err == nil {
		v = s
	}
	return decodeCharset("", []byte(v))
}

// oneLine keeps header text on one line, without control characters, and
// valid UTF-8: an encoded word may name UTF-8 and hold other bytes.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f || r == ' ' }), " ")
}

// normID turns "<abc@host>" into "abc@host", the form of external ids. An id
// longer than resonanz keeps is replaced by its hash, the same every time.
func normID(id string) string {
	id = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">"))
	if strings.ContainsFunc(id, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		id = strings.Join(strings.Fields(id), "")
	}
	if len(id) > maxIDLen || !utf8.ValidString(id) {
		return hashID([]byte(id))
	}
	return id
}

// firstID is the first <…> of a header that may name several.
func firstID(v string) string {
	if all := ids(v); len(all) > 0 {
		return all[0]
	}
	return ""
}

// ids reads the message ids of In-Reply-To or References.
func ids(v string) []string {
	var out []string
	for len(out) < 100 {
		lt := strings.IndexByte(v, '<')
		if lt < 0 {
			break
		}
		gt := strings.IndexByte(v[lt:], '>')
		if gt < 0 {
			break
		}
		if id := normID(v[lt : lt+gt+1]); id != "" {
			out = append(out, id)
		}
		v = v[lt+gt+1:]
	}
	if len(out) == 0 && strings.TrimSpace(v) != "" && !strings.ContainsAny(v, " \t") {
		out = append(out, normID(v)) // an id without brackets
	}
	return out
}
