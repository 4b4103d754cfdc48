package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/throttle"
)

// The public form pages stand alone: no login, no script, none of the
// agents' layout.
var formTemplate = template.Must(template.New("form_public.html").ParseFS(templateFS, "templates/form_public.html"))

// Limits of the public forms. A person sends a few messages at most; a bot
// sends many. The kiosk is one tablet in a store, behind one address, used
// by one customer after the other.
const (
	maxEntryBytes = 64 << 10 // 5,000 characters, URL-encoded, fit
	kioskRefresh  = 8        // seconds on the kiosk's thank-you page
)

// formRates are the per-address limits of the public forms, made on first use.
type formRates struct {
	once       sync.Once
	web, kiosk *throttle.Rate
}

func (f *formRates) get(kiosk bool) *throttle.Rate {
	f.once.Do(func() {
		f.web = throttle.NewRate(5, 2*time.Minute)
		f.kiosk = throttle.NewRate(30, 20*time.Second)
	})
	if kiosk {
		return f.kiosk
	}
	return f.web
}

// formRoutes are the public web forms and their kiosks: no login, so the
// form, a rate limit and a honeypot are all that stand between a bot and
// the inbox.
func (s *Server) formRoutes() {
	s.mux.HandleFunc("GET /forms/{slug}", s.handleFormPage)
	s.mux.HandleFunc("POST /forms/{slug}", s.handleFormPost)
	s.mux.HandleFunc("GET /forms/{slug}/thanks", s.handleFormThanks)
	s.mux.HandleFunc("GET /forms/{slug}/kiosk", s.handleFormPage)
	s.mux.HandleFunc("POST /forms/{slug}/kiosk", s.handleFormPost)
	s.mux.HandleFunc("GET /forms/{slug}/kiosk/thanks", s.handleFormThanks)
}

// formView is what the public form page shows.
type formView struct {
	*locale
	Lang        string
	Form        *resonanz.ContactForm // nil: no such form
	Kiosk       bool
	Action      string // where the form posts
	Query       string // "?lang=de" when the page was asked for in a language
	Entry       resonanz.FormEntry
	Error       string
	Field       string // the field the error is about
	ConsentMark string // names the consent wording the page showed
	Thanks      bool
	Again       string // a new, empty form
	Refresh     int    // seconds until the kiosk starts afresh
}

// newFormView finds the form of the request's path; a kiosk page needs a
// form that names its store.
func (s *Server) newFormView(r *http.Request) *formView {
	loc := s.formLocale(r)
	v := &formView{locale: loc, Lang: loc.lang, Kiosk: strings.Contains(r.Pattern, "/kiosk")}
	f, err := s.findForm(r.Context(), r.PathValue("slug"))
	if err != nil {
		if resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
			s.logInternal(r, err)
		}
		return v
	}
	if v.Kiosk && f.Store == "" {
		return v
	}
	v.Form, v.Action, v.ConsentMark = f, "/forms/"+f.Slug, consentMark(f.Consent)
	if v.Kiosk {
		v.Action += "/kiosk"
	}
	if v.Lang != s.texts.language(r) {
		v.Query = "?lang=" + v.Lang
	}
	v.Again = v.Action + v.Query
	return v
}

// findForm returns the form with the given address, unless it is paused.
func (s *Server) findForm(ctx context.Context, slug string) (*resonanz.ContactForm, error) {
	accounts, err := s.ChannelAccounts.FindChannelAccounts(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range accounts {
		if a.Kind == "form" && !a.Paused && a.Settings["slug"] == slug {
			return resonanz.ContactFormOf(a)
		}
	}
	return nil, resonanz.Errorf(resonanz.ENOTFOUND, "No such form.")
}

// formLocale speaks the language of a form page: ?lang= (an embedding site
// may fix it), else the browser's.
func (s *Server) formLocale(r *http.Request) *locale {
	loc := s.locale(r)
	if lang := r.URL.Query().Get("lang"); s.texts[lang] != nil && lang != loc.lang {
		loc = &locale{lang: lang, texts: s.texts[lang], zone: loc.zone, logger: loc.logger}
	}
	return loc
}

// consentMark names a consent wording, so that an answer is stored only
// with the wording its sender saw.
func consentMark(wording string) string {
	if wording == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(wording))
	return hex.EncodeToString(sum[:8])
}

func (s *Server) handleFormPage(w http.ResponseWriter, r *http.Request) {
	v := s.newFormView(r)
	status := http.StatusOK
	if v.Form == nil {
		status = http.StatusNotFound
	}
	s.renderForm(w, status, v)
}

func (s *Server) handleFormThanks(w http.ResponseWriter, r *http.Request) {
	v := s.newFormView(r)
	if v.Form == nil {
		s.renderForm(w, http.StatusNotFound, v)
		return
	}
	v.Thanks = true
	if v.Kiosk {
		v.Refresh = kioskRefresh
	}
	s.renderForm(w, http.StatusOK, v)
}

// baseURL is where the browser reached this resonanz, for addresses that
// an admin copies into other sites.
func (s *Server) baseURL(r *http.Request) string {
	if s.viaHTTPS(r) {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// renderForm writes a public form page. The web form may be shown in a
// frame by the sites its admin named; the kiosk by none. Kiosk pages are
// not kept by the browser, so that the next customer cannot go back to the
// last one's entry.
func (s *Server) renderForm(w http.ResponseWriter, status int, v *formView) {
	var buf bytes.Buffer
	if err := formTemplate.Execute(&buf, v); err != nil {
		s.Logger.Error("render", "page", "form", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	if v.Form != nil && !v.Kiosk && len(v.Form.Embed) > 0 {
		h.Set("Content-Security-Policy", strings.Replace(h.Get("Content-Security-Policy"), "frame-ancestors 'none'",
			"frame-ancestors "+strings.Join(v.Form.Embed, " "), 1))
	}
	if v.Kiosk {
		h.Set("Cache-Control", "no-store")
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
