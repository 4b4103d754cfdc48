package resonanz

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// ContactForm is a public web form on which people write to the company
// without signing up anywhere. An admin sets one up as a channel account of
// kind "form"; its settings are the form's.
type ContactForm struct {
	AccountID int64
	Name      string // the form's heading
	Slug      string // the form answers at /forms/{slug}
	// Topic is added to every message of the form, so that a routing rule
	// on it sends the form's messages to a team.
	Topic string
	// Consent is the wording of a checkbox that must be ticked to send;
	// it is stored with each answer exactly as shown. Empty: no checkbox.
	Consent string
	// Embed lists the origins whose pages may show the form in a frame
	// ("https://shop.example"); none: no site may.
	Embed []string
	// Store names the shop whose tablet shows the form in kiosk mode; empty:
	// the form has no kiosk.
	Store string
}

// Limits of a form's settings and of what people type into it.
const (
	MaxConsentLen  = 1000
	MaxFormTextLen = 5000
	maxStoreLen    = 100
	maxEmbed       = 10
)

var (
	slugPattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,59}$`)
	topicPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)
)

// ContactFormOf reads the form of a channel account of kind "form", and
// reports the first setting that is wrong, by its field name.
func ContactFormOf(a *ChannelAccount) (*ContactForm, error) {
	s := a.Settings
	f := &ContactForm{AccountID: a.ID, Name: a.Name, Slug: strings.TrimSpace(s["slug"]), Topic: strings.TrimSpace(s["topic"]),
		Consent: strings.TrimSpace(s["consent"]), Store: strings.TrimSpace(s["store"])}
	switch {
	case !slugPattern.MatchString(f.Slug):
		return nil, FieldError("slug", "The address name is 1–60 lower-case letters, digits or -, like \"kontakt\".")
	case f.Topic != "" && !topicPattern.MatchString(f.Topic):
		return nil, FieldError("topic", "A topic name is 1–40 lower-case letters, digits, - or _.")
	case !utf8.ValidString(f.Consent) || utf8.RuneCountInString(f.Consent) > MaxConsentLen:
		return nil, FieldError("consent", "The consent wording is too long (at most %d characters).", MaxConsentLen)
	case !utf8.ValidString(f.Store) || utf8.RuneCountInString(f.Store) > maxStoreLen:
		return nil, FieldError("store", "The store's name is too long (at most %d characters).", maxStoreLen)
	}
	for _, origin := range strings.FieldsFunc(s["embed"], func(r rune) bool { return r == ',' || r == ' ' || r == '\n' }) {
		if !isOrigin(origin) {
			return nil, FieldError("embed", "%q is not a site address like https://shop.example.", origin)
		}
		f.Embed = append(f.Embed, origin)
	}
	if len(f.Embed) > maxEmbed {
		return nil, FieldError("embed", "At most %d sites may embed a form.", maxEmbed)
	}
	return f, nil
}

// isOrigin accepts scheme://host[:port] and nothing else, so that an origin
// can go into a Content-Security-Policy header as it is.
func isOrigin(s string) bool {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return false
	}
	for _, r := range u.Host {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-:[]*", r)) {
			return false
		}
	}
	return u.Scheme+"://"+u.Host == s
}

// FormEntry is what one person sent through a form.
type FormEntry struct {
	ID        string // random, unique: the message's external id
	Name      string
	Email     string
	Text      string
	Consented bool
	// Kiosk: typed on the store's tablet; the address is then optional.
	Kiosk bool
	At    time.Time
}

// Message turns an entry into a private message on channel "form" (or
// "instore" from the kiosk): the handle is the address given, the display
// name the name given; the address also links the person to their mails.
// It reports the first problem with the entry, by its field name.
func (f *ContactForm) Message(e *FormEntry) (IncomingMessage, error) {
	e.Name, e.Email, e.Text = strings.TrimSpace(e.Name), strings.TrimSpace(e.Email), strings.TrimSpace(e.Text)
	switch {
	case e.Text == "":
		return IncomingMessage{}, FieldError("text", "Please write your message.")
	case utf8.RuneCountInString(e.Text) > MaxFormTextLen:
		return IncomingMessage{}, FieldError("text", "The message is too long (at most %d characters).", MaxFormTextLen)
	case utf8.RuneCountInString(e.Name) > MaxNameLen:
		return IncomingMessage{}, FieldError("name", "The name is too long.")
	case e.Email == "" && !e.Kiosk:
		return IncomingMessage{}, FieldError("email", "Please give your email address, so that we can answer.")
	case e.Email != "" && !plainAddress(e.Email):
		return IncomingMessage{}, FieldError("email", "This is not an email address.")
	case f.Consent != "" && !e.Consented:
		return IncomingMessage{}, FieldError("consent", "Please agree, or we cannot take your message.")
	}
	m := IncomingMessage{Channel: "form", ExternalID: "form:" + e.ID, Text: e.Text, Time: e.At, Visibility: Private,
		AccountID: f.AccountID, TopicHint: f.Topic, Author: Author{DisplayName: e.Name}}
	if e.Kiosk {
		m.Channel = "instore"
	}
	if e.Email != "" {
		m.Author.Handle = strings.ToLower(e.Email)
		m.Author.CustomerRef = m.Author.Handle
	} else {
		m.Author.Handle = "anonymous:" + e.ID
	}
	if f.Consent != "" {
		m.Consent = f.Consent
	}
	return m, m.Validate()
}

// plainAddress accepts a bare address (kim@example.org), not a name with
// it, nor anything that would fold into a mail header.
func plainAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s && len(s) <= MaxHandleLen && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}
