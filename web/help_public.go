package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/markdown"
	"github.com/resonanz/resonanz/throttle"
)

// The help center's pages stand alone, like the public forms: no login, no
// script, none of the agents' layout.
var helpTemplate = template.Must(template.New("help_public.html").ParseFS(templateFS, "templates/help_public.html"))

// maxVoteBytes bounds the body of a "Did this help?" answer: one field.
const maxVoteBytes = 1 << 10

// helpVotes limits the answers one address gives: a reader answers a few
// articles; a bot that floods the counts is refused.
type helpVotes struct {
	once sync.Once
	rate *throttle.Rate
}

func (v *helpVotes) get() *throttle.Rate {
	v.once.Do(func() { v.rate = throttle.NewRate(10, time.Minute) })
	return v.rate
}

// helpRoutes are the help center: anyone may read and search it.
func (s *Server) helpRoutes() {
	s.mux.HandleFunc("GET /help", s.handleHelpIndex)
	s.mux.HandleFunc("GET /help/{id}", s.handleHelpArticle)
	s.mux.HandleFunc("POST /help/{id}/vote", s.handleHelpVote)
}

// helpView is what a help-center page shows.
type helpView struct {
	*locale
	Lang       string
	Query      string
	Searched   bool
	Results    []*resonanz.Article
	Categories []helpCategory
	Article    *resonanz.Article
	Body       template.HTML
	Voted      bool
	Error      string
	Other      string // the same page in the other language
}

// helpCategory is one category of the index, with its articles by title.
type helpCategory struct {
	Name     string
	Articles []*resonanz.Article
}

// handleHelpIndex shows the categories of the reader's language, or the
// articles that match a search.
func (s *Server) handleHelpIndex(w http.ResponseWriter, r *http.Request) {
	loc := s.formLocale(r)
	v := &helpView{locale: loc, Lang: loc.lang, Query: r.URL.Query().Get("q"), Other: s.otherLanguage(loc.lang, r.URL)}
	f := resonanz.ArticleFilter{Language: loc.lang, PublishedOnly: true, Query: v.Query}
	v.Searched = v.Query != ""
	list, err := s.Help.FindArticles(r.Context(), f)
	status := http.StatusOK
	switch {
	case resonanz.ErrorCode(err) == resonanz.EINVALID:
		v.Error, status = loc.Error(err), http.StatusBadRequest
	case err != nil:
		s.helpError(w, r, err)
		return
	case v.Searched:
		v.Results = list
	default:
		for _, a := range list {
			if n := len(v.Categories); n == 0 || v.Categories[n-1].Name != a.Category {
				v.Categories = append(v.Categories, helpCategory{Name: a.Category})
			}
			c := &v.Categories[len(v.Categories)-1]
			c.Articles = append(c.Articles, a)
		}
	}
	s.renderHelp(w, status, v)
}

// handleHelpArticle shows a published article in its own language.
func (s *Server) handleHelpArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.publicArticle(r)
	if err != nil {
		s.helpError(w, r, err)
		return
	}
	loc := s.formLocale(r)
	if t := s.texts[a.Language]; t != nil {
		loc = &locale{lang: a.Language, texts: t, zone: loc.zone, logger: loc.logger}
	}
	v := &helpView{locale: loc, Lang: loc.lang, Article: a, Body: markdown.HTML(a.Body), Voted: r.URL.Query().Has("voted")}
	s.renderHelp(w, http.StatusOK, v)
}

// handleHelpVote counts "Did this help?" and thanks the reader; no cookie
// is set, so a reader may answer again, within the address's rate.
func (s *Server) handleHelpVote(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxVoteBytes)
	a, err := s.publicArticle(r)
	if err != nil {
		s.helpError(w, r, err)
		return
	}
	if wait := s.helpVotes.get().Take(s.clientAddress(r), s.Now()); wait > 0 {
		w.Header().Set("Retry-After", retryAfter(wait))
		loc := s.formLocale(r)
		s.renderHelp(w, http.StatusTooManyRequests, &helpView{locale: loc, Lang: loc.lang, Error: loc.T("help.vote.busy")})
		return
	}
	switch r.PostFormValue("helpful") {
	case "yes", "no":
		err = s.Help.CountArticleVote(r.Context(), a.ID, r.PostFormValue("helpful") == "yes")
	default:
		err = resonanz.FieldError("helpful", "Answer yes or no.").Keyed("help.vote.answer")
	}
	if err != nil {
		s.helpError(w, r, err)
		return
	}
	http.Redirect(w, r, "/help/"+strconv.FormatInt(a.ID, 10)+"?voted=1#vote", http.StatusSeeOther)
}

// publicArticle is the published article of the path; drafts do not exist here.
func (s *Server) publicArticle(r *http.Request) (*resonanz.Article, error) {
	notFound := resonanz.Errorf(resonanz.ENOTFOUND, "There is no such article.").Keyed("help.notfound")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, notFound
	}
	a, err := s.Help.FindArticle(r.Context(), id)
	if resonanz.ErrorCode(err) == resonanz.ENOTFOUND || (err == nil && !a.Published) {
		return nil, notFound
	}
	return a, err
}

// helpError shows a problem on a help-center page, not on the agents' layout.
func (s *Server) helpError(w http.ResponseWriter, r *http.Request, err error) {
	s.logInternal(r, err)
	loc := s.formLocale(r)
	s.renderHelp(w, errorStatus(err), &helpView{locale: loc, Lang: loc.lang, Error: loc.Error(err)})
}

// otherLanguage links to the same page in the other language.
func (s *Server) otherLanguage(lang string, u *url.URL) string {
	other := resonanz.LangGerman
	if lang == resonanz.LangGerman {
		other = resonanz.LangEnglish
	}
	q := u.Query()
	q.Set("lang", other)
	return u.Path + "?" + q.Encode()
}

func (s *Server) renderHelp(w http.ResponseWriter, status int, v *helpView) {
	var buf bytes.Buffer
	if err := helpTemplate.Execute(&buf, v); err != nil {
		s.Logger.Error("render", "page", "help", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
