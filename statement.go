package resonanz

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on an alert's public statement.
const (
	MaxStatementLen    = 2000
	MaxStatementURLLen = 2000
)

// Statement is the company's public word on a storm, shared by everyone who
// answers the affected customers, optionally with a help-center article.
type Statement struct {
	Text string
	URL  string
	// Public marks the statement fit to be said in public: only then may a
	// bulk reply carrying it answer customers where everyone reads along.
	Public    bool
	ChangedBy string
	ChangedAt time.Time
}

// Validate trims the statement and reports the first problem with it. An
// empty text clears the statement.
func (s *Statement) Validate() error {
	s.Text, s.URL = strings.TrimSpace(s.Text), strings.TrimSpace(s.URL)
	switch {
	case !utf8.ValidString(s.Text) || strings.ContainsRune(s.Text, 0):
		return FieldError("statement", "The statement is not valid text.").Keyed("statement.invalid")
	case utf8.RuneCountInString(s.Text) > MaxStatementLen:
		return FieldError("statement", "The statement is too long (at most %d characters).", MaxStatementLen).Keyed("statement.long")
	case s.URL == "":
		return nil
	case s.Text == "":
		return FieldError("statement", "A link needs a statement to go with it.").Keyed("statement.link.alone")
	case len(s.URL) > MaxStatementURLLen:
		return FieldError("url", "The link is too long.").Keyed("statement.link.long")
	}
	u, err := url.Parse(s.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return FieldError("url", "The link must be a full http or https address.").Keyed("statement.link.invalid")
	}
	return nil
}

// Published returns the statement as customers read it: the text, then the link.
func (s Statement) Published() string {
	if s.URL == "" {
		return s.Text
	}
	return s.Text + " " + s.URL
}
