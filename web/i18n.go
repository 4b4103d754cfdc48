package web

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// localeFS holds one file per language, locales/<lang>.json: every text a
// person reads, by key.
//
//go:embed locales/*.json
var localeFS embed.FS

// catalogue holds every UI text by language and key; it is read once at start.
type catalogue map[string]map[string]string

// defaultLanguage is spoken to browsers that ask for none we have.
const defaultLanguage = "en"

// loadCatalogue reads every locales/<lang>.json of fsys.
func loadCatalogue(fsys fs.FS) (catalogue, error) {
	files, err := fs.Glob(fsys, "locales/*.json")
	if err != nil {
		return nil, err
	}
	c := catalogue{}
	for _, name := range files {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		texts := map[string]string{}
		if err := json.Unmarshal(raw, &texts); err != nil {
			return nil, fmt.Errorf("web: locale %s: %w", name, err)
		}
		c[strings.TrimSuffix(path.Base(name), ".json")] = texts
	}
	if c[defaultLanguage] == nil {
		return nil, fmt.Errorf("web: no locale %q", defaultLanguage)
	}
	return c, nil
}

// language picks the UI language: the user's choice (cookie), else the
// browser's preference, else English.
func (c catalogue) language(r *http.Request) string {
	if k, err := r.Cookie("lang"); err == nil && c[k.Value] != nil {
		return k.Value
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		if base := strings.SplitN(tag, "-", 2)[0]; c[base] != nil {
			return base
		}
	}
	return defaultLanguage
}

// locale speaks to one reader: the texts of their language, and a logger
// that reports a key the catalogue lacks, so that no raw key goes unnoticed.
type locale struct {
	lang   string
	texts  map[string]string
	zone   *time.Location // where the reader reads times
	logger *slog.Logger
}

// locale returns the texts of the request's language.
func (s *Server) locale(r *http.Request) *locale {
	lang := s.texts.language(r)
	return &locale{lang: lang, texts: s.texts[lang], zone: s.zoneOf(userFrom(r.Context())), logger: s.Logger}
}

// zoneOf is where u reads and enters times: their own zone, else the company's.
func (s *Server) zoneOf(u *resonanz.User) *time.Location {
	if u != nil && u.TimeZone != "" {
		if loc, err := time.LoadLocation(u.TimeZone); err == nil {
			return loc
		}
	}
	return s.Location
}

func (l *locale) missing(key string) {
	l.logger.Warn("text missing from the catalogue", "lang", l.lang, "key", key)
}

// T translates a UI text into the reader's language.
func (l *locale) T(key string) string {
	if s, ok := l.texts[key]; ok {
		return s
	}
	l.missing(key)
	return key
}

// Label translates a value such as the "complaint" of "kind.complaint". A
// company's own topics have no text and show as they are.
func (l *locale) Label(prefix, value string) string {
	if value == "" {
		return ""
	}
	if s, ok := l.texts[prefix+"."+value]; ok {
		return s
	}
	if prefix != "topic" {
		l.missing(prefix + "." + value)
	}
	return value
}

// Role names a user's role.
func (l *locale) Role(role string) string { return l.Label("role", role) }

// Channel names a channel, such as "Webformular" for "form".
func (l *locale) Channel(name string) string { return l.Label("channel", name) }

// Zone names the reader's time zone, such as "Europe/Berlin".
func (l *locale) Zone() string { return l.zone.String() }

// Now is the current moment.
func (l *locale) Now() time.Time { return time.Now() }

// Time writes a moment in the reader's time zone.
func (l *locale) Time(t time.Time) string { return t.In(l.zone).Format("02.01.2006 15:04") }

// At shows a moment in the reader's time zone as a <time> element, which
// also tells machines the moment itself.
func (l *locale) At(t time.Time) template.HTML { return timeElement(t, l.Time(t)) }

// AtShort is At without the year, for moments of the last days.
func (l *locale) AtShort(t time.Time) template.HTML {
	return timeElement(t, t.In(l.zone).Format("02.01. 15:04"))
}

// Day shows the day of a moment in the reader's time zone, "03.12.", as a <time> element.
func (l *locale) Day(t time.Time) template.HTML {
	return timeElement(t, t.In(l.zone).Format("02.01."))
}

// timeElement writes <time>; both its parts are formatted times, never input.
func timeElement(t time.Time, text string) template.HTML {
	return template.HTML(`<time datetime="` + t.UTC().Format(time.RFC3339) + `">` + text + `</time>`)
}

// Error says what went wrong: the catalogue's text of a keyed application
// error, the error's own message otherwise, and never an internal detail.
func (l *locale) Error(err error) string {
	var e *resonanz.Error
	if !errors.As(err, &e) {
		return l.T("error.internal")
	}
	if e.Key != "" {
		if text, ok := l.texts["error."+e.Key]; ok {
			return fmt.Sprintf(text, e.Args...)
		}
		l.missing("error." + e.Key)
	}
	return e.Message
}
