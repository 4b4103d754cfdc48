package web

import (
	"bytes"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/search"
)

var pageNames = []string{"login", "inbox", "conversation", "search", "error", "alerts", "crisis", "rules", "sla", "teams", "topics", "reports",
	"notifications", "promises", "goodwill", "goodwill_policies", "channels", "contact", "tokens",
	"canned", "signatures", "users", "password", "me", "webhooks", "articles", "analysis", "praise", "suggestions", "overview", "report_groups", "surveys"}

// pageParts are further template files of a page, kept apart to stay short.
var pageParts = map[string][]string{"crisis": {"templates/crisis_bulk.html"}}

var templateFuncs = template.FuncMap{
	"inc": func(i int) int { return i + 1 },
	"badges": func(p *page, sentiment, kind string, topics, urgency []string) badgeView {
		return badgeView{P: p, Sentiment: sentiment, Kind: kind, Topics: topics, Urgency: urgency}
	},
	"has":      func(list []string, v string) bool { return slices.Contains(list, v) },
	"join":     func(list []string) string { return strings.Join(list, ", ") },
	"clockOf":  func(p *page, c *resonanz.Conversation) clockView { return clockView{P: p, C: c} },
	"spanText": spanText,
	"wholeMinutes": func(d time.Duration) string {
		if d == 0 {
			return ""
		}
		return strconv.Itoa(int(d / time.Minute))
	},
	"withPage": func(p *page, v any) pageAnd { return pageAnd{P: p, V: v} },
	"hasID":    func(list []int64, v int64) bool { return slices.Contains(list, v) },
	"calendarForm": func(p *page, v slaView, c *resonanz.Calendar) calendarForm {
		if c == nil {
			c = &resonanz.Calendar{}
		}
		return calendarForm{P: p, V: v, C: c}
	},
	"promiseRow": func(p *page, pr *resonanz.Promise, users []*resonanz.User, showCase bool) promiseRow {
		return promiseRow{P: p, Promise: pr, Users: users, Back: p.Path, ShowCase: showCase, Problem: rowProblemOf(p.Data)}
	},
	"grantRow": func(p *page, g *resonanz.GoodwillGrant) grantRow {
		return grantRow{P: p, Grant: g, Back: p.Path, Problem: rowProblemOf(p.Data)}
	},
	"roomRow": func(p *page, alertID int64, m *resonanz.RoomMessage, left bool) roomRow {
		return roomRow{Page: p, AlertID: alertID, Message: m, Left: left}
	},
	"bulkRow": func(p *page, r *resonanz.BulkRecipient) bulkRow { return bulkRow{Page: p, Recipient: r} },
	"percent": func(x float64) int { return int(math.Round(x * 100)) },
	"praiseMark": func(p *page, messageID int64, cp casePraise) praiseMark {
		return praiseMark{P: p, MessageID: messageID, Praise: cp.Marked[messageID], Candidates: cp.Candidates}
	},
	"highlight": func(text, query string, max int) []search.Span {
		return search.Snippet(search.Highlight(text, query), max)
	},
}

func parsePages() map[string]*template.Template {
	pages := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		pages[name] = template.Must(template.New("layout.html").Funcs(templateFuncs).
			ParseFS(templateFS, append([]string{"templates/layout.html", "templates/partials.html", "templates/part_*.html", "templates/" + name + ".html"}, pageParts[name]...)...))
	}
	return pages
}

// pageAnd hands a partial the page and a value of its own.
type pageAnd struct {
	P *page
	V any
}

// badgeView is what the "badges" template shows of a message or conversation.
type badgeView struct {
	P               *page
	Sentiment, Kind string
	Topics, Urgency []string
}

// page is what every template receives: the reader's language, user and
// CSRF token, and the page's own data.
type page struct {
	*locale
	Lang   string
	User   *resonanz.User
	CSRF   string
	Path   string
	Bar    *alertBar // the open alerts, for the banner
	Unread int       // the user's unread notifications
	Data   any
	// FailingChannels counts channel accounts that need an admin's attention.
	FailingChannels int
	// Warming tells that storm warnings start once the monitor has learned from the history.
	Warming bool

	// Version is the version of the alerts the banner shows (EventService.Version).
	Version uint64
}

// LangURL links to the language switch, coming back to this page.
func (p *page) LangURL(lang string) string {
	return "/lang?" + url.Values{"to": {lang}, "back": {p.Path}}.Encode()
}

// render writes a page; it renders into a buffer first so that a template
// error never leaves half a page behind.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	p, err := s.newPage(r, data)
	if err != nil {
		s.Logger.Error("render", "page", name, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, p); err != nil {
		s.Logger.Error("render", "page", name, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// newPage gathers what every page shows; the open alerts only for logged-in users.
func (s *Server) newPage(r *http.Request, data any) (*page, error) {
	loc := s.locale(r)
	p := &page{locale: loc, Lang: loc.lang, User: userFrom(r.Context()), CSRF: csrfFrom(r.Context()), Path: r.URL.RequestURI(), Data: data}
	if p.User != nil {
		p.Version = s.Events.Version() // before the alerts are read, so that a change meanwhile shows as news
		var err error
		if p.Bar, err = s.findAlertBar(r.Context(), p.User); err != nil {
			return nil, err
		}
		if p.Unread, err = s.Notifications.CountUnread(r.Context(), p.User.ID); err != nil {
			return nil, err
		}
		if p.FailingChannels, err = s.failingChannels(r, p.User); err != nil {
			return nil, err
		}
		p.Warming = s.StormsWarming != nil && s.StormsWarming()
	}
	return p, nil
}

// renderBanner renders the alert banner alone, for live updates; path is
// the page it sits on.
func (s *Server) renderBanner(r *http.Request, path string) ([]byte, error) {
	p, err := s.newPage(r, nil)
	if err != nil {
		return nil, err
	}
	p.Path = path
	var buf bytes.Buffer
	err = s.pages["inbox"].ExecuteTemplate(&buf, "banner", p)
	return buf.Bytes(), err
}

// handleLanguage switches the UI language and returns to the page the user was on.
func (s *Server) handleLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("to")
	if s.texts[lang] == nil {
		lang = defaultLanguage
	}
	s.setCookie(w, r, "lang", lang, 365*24*time.Hour)
	http.Redirect(w, r, localPath(r.URL.Query().Get("back"), "/"), http.StatusSeeOther)
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, resonanz.Errorf(resonanz.ENOTFOUND, "No such conversation.").Keyed("conversation.unknown")
	}
	return id, nil
}

// IsAdmin tells templates whether the user may see admin tools.
func (p *page) IsAdmin() bool { return p.User != nil && p.User.Role == resonanz.RoleAdmin }
