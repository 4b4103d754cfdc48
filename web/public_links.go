package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/linksign"
	"github.com/resonanz/resonanz/throttle"
)

// The customers' own pages stand alone like the public form: no login, no
// script, none of the agents' layout. A signed, expiring link is all that
// opens them.
var publicTemplate = template.Must(template.New("public.html").Funcs(template.FuncMap{
	"scoreClass": func(question string, score int) string {
		if resonanz.LowScore(question, score) {
			return "low"
		}
		return "high"
	},
}).ParseFS(templateFS, "templates/public.html"))

// linkRate bounds how often one address may send the customers' pages.
var linkRate = throttle.NewRate(20, 30*time.Second)

// publicRoutes are the pages customers reach by a signed link in a message.
func (s *Server) publicRoutes() {
	s.mux.HandleFunc("GET /wishes/{token}", s.handleWishesPage)
	s.mux.HandleFunc("POST /wishes/{token}", s.handleWishesPost)
	s.mux.HandleFunc("GET /survey/{token}", s.handleSurveyPage)
	s.mux.HandleFunc("POST /survey/{token}", s.handleSurveyPost)
}

// publicView is what a customer's page shows.
type publicView struct {
	*locale
	Lang  string
	Title string
	// Problem is what is wrong with the link: "invalid" or "expired"; ""
	// when the page shows what the link is for.
	Problem string
	Error   string // a problem with what was sent
	Self    string // the page's own path, for its form and the language switch
	Other   string // the other language, offered as a switch
	Wishes  *wishesView
	Survey  *surveyView
}

// SwitchURL is this page in the other language.
func (v *publicView) SwitchURL() string {
	return v.Self + "?" + url.Values{"lang": {v.Other}}.Encode()
}

// publicLocale speaks lang (the link's, or the one the customer switched
// to with ?lang=) in the company's time zone.
func (s *Server) publicLocale(r *http.Request, lang string) *locale {
	if q := r.URL.Query().Get("lang"); s.texts[q] != nil {
		lang = q
	}
	if s.texts[lang] == nil {
		lang = resonanz.LangGerman
	}
	return &locale{lang: lang, texts: s.texts[lang], zone: s.Location, logger: s.Logger}
}

// checkLink reads the signed link of the request; on a problem it answers
// with a page that says what is wrong and what to do, and returns ok false.
func (s *Server) checkLink(w http.ResponseWriter, r *http.Request, kind string) (linksign.Claim, *publicView, bool) {
	var claim linksign.Claim
	err := linksign.ErrInvalid
	if s.Links != nil {
		claim, err = s.Links.Check(kind, r.PathValue("token"))
	}
	lang := claim.Lang
	if err != nil && !errors.Is(err, linksign.ErrExpired) {
		lang = s.texts.language(r) // a broken link's language is not to be trusted: the browser's
	}
	loc := s.publicLocale(r, lang)
	v := &publicView{locale: loc, Lang: loc.lang, Self: "/" + kind + "/" + r.PathValue("token"), Other: otherLanguage(loc.lang)}
	switch {
	case errors.Is(err, linksign.ErrExpired):
		v.Problem, v.Title = "expired", v.T("link.expired.title")
		s.renderPublic(w, http.StatusGone, v)
		return claim, nil, false
	case err != nil:
		v.Problem, v.Title = "invalid", v.T("link.invalid.title")
		s.renderPublic(w, http.StatusNotFound, v)
		return claim, nil, false
	}
	return claim, v, true
}

func otherLanguage(lang string) string {
	if lang == resonanz.LangGerman {
		return resonanz.LangEnglish
	}
	return resonanz.LangGerman
}

// linkGone answers a genuine link whose contact or survey no longer exists
// like an invalid one, and any other error as an error.
func (s *Server) linkGone(w http.ResponseWriter, r *http.Request, v *publicView, err error) {
	if resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
		s.logInternal(r, err)
		v.Error = v.T("form.err.internal")
		s.renderPublic(w, http.StatusInternalServerError, v)
		return
	}
	v.Problem, v.Title = "invalid", v.T("link.invalid.title")
	s.renderPublic(w, http.StatusNotFound, v)
}

// takePublicPost reads the form of a customer's page, within a size and
// rate limit; on a problem it answers and returns false.
func (s *Server) takePublicPost(w http.ResponseWriter, r *http.Request, v *publicView, again func(status int)) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxEntryBytes)
	if err := r.ParseForm(); err != nil {
		v.Error = v.T("form.err.big")
		again(http.StatusRequestEntityTooLarge)
		return false
	}
	if wait := linkRate.Take(s.clientAddress(r), s.Now()); wait > 0 {
		w.Header().Set("Retry-After", retryAfter(wait))
		v.Error = strings.Replace(v.T("form.err.busy"), "%s", waitText(wait), 1)
		again(http.StatusTooManyRequests)
		return false
	}
	return true
}

// renderPublic writes a customer's page. It is kept by no browser or
// proxy: the link in its address opens a person's wishes.
func (s *Server) renderPublic(w http.ResponseWriter, status int, v *publicView) {
	var buf bytes.Buffer
	if err := publicTemplate.Execute(&buf, v); err != nil {
		s.Logger.Error("render", "page", "public", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Robots-Tag", "noindex")
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// wishesView is the wishes page: a row per purpose and channel of the
// person, each with its options in the exact words the customer agrees to.
type wishesView struct {
	Channels     []wishChannel
	Rows         []*wishRow
	DoNotContact bool
	DNCText      string // the wording of "do not contact"
	Shown        string // names the wordings the page showed
	Saved        bool
	Changed      int
}

type wishChannel struct {
	Name, Label, Handle string
}

// wishRow is one purpose on one channel.
type wishRow struct {
	Purpose, Channel string
	Field            string // the form field
	State            string // in force
	Options          []wishOption
}

type wishOption struct {
	State, Text string
	Checked     bool
}

// wishOptions words the choices of a purpose on a channel.
func wishOptions(l *locale, purpose, channelLabel string) []wishOption {
	return []wishOption{
		{State: resonanz.WishAllowed, Text: strings.Replace(l.T("wishes.yes."+purpose), "%s", channelLabel, 1)},
		{State: resonanz.WishDenied, Text: strings.Replace(l.T("wishes.no."+purpose), "%s", channelLabel, 1)},
		{State: resonanz.WishUnknown, Text: l.T("wishes.none")},
	}
}

// newWishesView lays out the wishes page of a person in the locale's language.
func newWishesView(l *locale, cw *resonanz.ContactWishes) *wishesView {
	v := &wishesView{DNCText: l.T("wishes.dnc")}
	wishes := cw.Contact.Wishes
	v.DoNotContact = wishes.DoNotContact() != nil
	marks := sha256.New()
	marks.Write([]byte(v.DNCText))
	for _, ch := range cw.Channels {
		v.Channels = append(v.Channels, wishChannel{Name: ch, Label: l.Channel(ch), Handle: maskedHandle(cw.Contact.Identities, ch)})
	}
	for _, purpose := range resonanz.Purposes {
		for _, ch := range v.Channels {
			row := &wishRow{Purpose: purpose, Channel: ch.Name, Field: "w-" + purpose + "-" + ch.Name, State: resonanz.WishUnknown,
				Options: wishOptions(l, purpose, ch.Label)}
			// What holds on this channel: its own wish, else the one for every channel.
			if state, from := wishes.State(purpose, ch.Name); from != nil {
				row.State = state
			}
			for i := range row.Options {
				row.Options[i].Checked = row.Options[i].State == row.State
				marks.Write([]byte(row.Options[i].Text))
			}
			v.Rows = append(v.Rows, row)
		}
	}
	v.Shown = hex.EncodeToString(marks.Sum(nil)[:8])
	return v
}

// maskedHandle shows enough of a person's handle on a channel for them to
// know it, and little to anyone the link was passed on to: "k…@example.org".
func maskedHandle(ids []resonanz.Identity, channel string) string {
	for _, id := range ids {
		if resonanz.WishChannel(id.Channel) != channel {
			continue
		}
		h := id.Handle
		prefix := ""
		if strings.HasPrefix(h, "@") {
			prefix, h = "@", h[1:]
		}
		local, domain, found := strings.Cut(h, "@")
		first, _ := utf8.DecodeRuneInString(local)
		if first == utf8.RuneError {
			return ""
		}
		masked := prefix + string(first) + "…"
		if found {
			masked += "@" + domain
		}
		return masked
	}
	return ""
}

// openWishes checks the signed link of a wishes page and fills the page
// with the person's wishes; false when it answered already.
func (s *Server) openWishes(w http.ResponseWriter, r *http.Request) (*resonanz.ContactWishes, *publicView, bool) {
	claim, v, ok := s.checkLink(w, r, linksign.Wishes)
	if !ok {
		return nil, nil, false
	}
	cw, err := s.Consent.ContactWishes(r.Context(), claim.ID)
	if err != nil {
		s.linkGone(w, r, v, err)
		return nil, nil, false
	}
	v.Title, v.Wishes = v.T("wishes.title"), newWishesView(v.locale, cw)
	return cw, v, true
}

// handleWishesPage shows a person's wishes, from a signed link.
func (s *Server) handleWishesPage(w http.ResponseWriter, r *http.Request) {
	_, v, ok := s.openWishes(w, r)
	if !ok {
		return
	}
	v.Wishes.Saved = r.URL.Query().Get("saved") != ""
	s.renderPublic(w, http.StatusOK, v)
}

// handleWishesPost records what the customer chose: each row as they set
// it, in the words the page showed them. A page whose wording changed
// meanwhile is shown again to be read once more.
func (s *Server) handleWishesPost(w http.ResponseWriter, r *http.Request) {
	cw, v, ok := s.openWishes(w, r)
	if !ok {
		return
	}
	again := func(status int) { s.renderPublic(w, status, v) }
	if !s.takePublicPost(w, r, v, again) {
		return
	}
	if r.PostForm.Get("shown") != v.Wishes.Shown {
		v.Error = v.T("wishes.err.changed")
		again(http.StatusConflict)
		return
	}
	var wishes []resonanz.Wish
	dnc := resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishUnknown, Wording: v.Wishes.DNCText, Language: v.Lang}
	if r.PostForm.Get("dnc") == "1" {
		dnc.State = resonanz.WishDenied
	}
	if dnc.State == resonanz.WishDenied || v.Wishes.DoNotContact {
		wishes = append(wishes, dnc)
	}
	for _, row := range v.Wishes.Rows {
		chosen := r.PostForm.Get(row.Field)
		for _, o := range row.Options {
			if o.State == chosen && chosen != row.State {
				wishes = append(wishes, resonanz.Wish{Purpose: row.Purpose, Channel: row.Channel, State: o.State, Wording: o.Text, Language: v.Lang})
			}
		}
	}
	n, err := s.Consent.SetOwnWishes(r.Context(), cw.Contact.ID, wishes)
	if err != nil {
		s.logInternal(r, err)
		v.Error = v.T("form.err.check")
		again(errorStatus(err))
		return
	}
	s.Logger.Info("a customer changed their wishes", "contact", cw.Contact.ID, "changed", n)
	http.Redirect(w, r, v.Self+"?"+url.Values{"lang": {v.Lang}, "saved": {"1"}}.Encode(), http.StatusSeeOther)
}

// surveyView is the survey page: one question, a button per score.
type surveyView struct {
	Survey  *resonanz.Survey
	Scores  []int
	Comment string // as typed, when it came back with a problem
	// WishesLink lets a customer who wants no more surveys say so.
	WishesLink string
}

// handleSurveyPage shows the survey of a signed link, or the answer given.
func (s *Server) handleSurveyPage(w http.ResponseWriter, r *http.Request) {
	claim, v, ok := s.checkLink(w, r, linksign.Survey)
	if !ok {
		return
	}
	if !s.loadSurvey(w, r, v, claim.ID) {
		return
	}
	s.renderPublic(w, http.StatusOK, v)
}

func (s *Server) loadSurvey(w http.ResponseWriter, r *http.Request, v *publicView, id int64) bool {
	sv, err := s.Surveys.FindSurvey(r.Context(), id)
	if err != nil {
		s.linkGone(w, r, v, err)
		return false
	}
	v.Title = v.T("survey.title." + sv.Question)
	v.Survey = &surveyView{Survey: sv, Scores: resonanz.Scores(sv.Question), WishesLink: s.Links.WishesLink(sv.ContactID, v.Lang)}
	return true
}

// handleSurveyPost takes the answer: the score of the button pressed and
// the comment, if any. One click is enough.
func (s *Server) handleSurveyPost(w http.ResponseWriter, r *http.Request) {
	claim, v, ok := s.checkLink(w, r, linksign.Survey)
	if !ok || !s.loadSurvey(w, r, v, claim.ID) {
		return
	}
	again := func(status int) { s.renderPublic(w, status, v) }
	if !s.takePublicPost(w, r, v, again) {
		return
	}
	if v.Survey.Survey.Answered {
		http.Redirect(w, r, v.Self+"?"+url.Values{"lang": {v.Lang}}.Encode(), http.StatusSeeOther)
		return
	}
	v.Survey.Comment = r.PostForm.Get("comment")
	score, err := strconv.Atoi(r.PostForm.Get("score"))
	if err != nil {
		score = -1 // no button: the store says which to choose
	}
	if _, err := s.Surveys.AnswerSurvey(r.Context(), claim.ID, score, v.Survey.Comment); err != nil {
		switch resonanz.ErrorField(err) {
		case "score":
			v.Error = v.T("survey.err.score")
		case "comment":
			v.Error = strings.Replace(v.T("survey.err.comment"), "%d", strconv.Itoa(resonanz.MaxSurveyComment), 1)
		default:
			if resonanz.ErrorCode(err) == resonanz.ECONFLICT {
				http.Redirect(w, r, v.Self+"?"+url.Values{"lang": {v.Lang}}.Encode(), http.StatusSeeOther)
				return
			}
			s.logInternal(r, err)
			v.Error = v.T("form.err.internal")
		}
		again(errorStatus(err))
		return
	}
	http.Redirect(w, r, v.Self+"?"+url.Values{"lang": {v.Lang}}.Encode(), http.StatusSeeOther)
}
