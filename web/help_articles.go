package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/markdown"
)

// articlesView is the staff's list of help-center articles, drafts too,
// with the form for a new one or the article being edited.
type articlesView struct {
	Articles  []*resonanz.Article
	Edit      *resonanz.Article
	Preview   template.HTML
	Languages []string
	CanWrite  bool
	Error     string
}

// handleArticles lists every article; any agent may read them, drafts
// included, to link them into replies.
func (s *Server) handleArticles(w http.ResponseWriter, r *http.Request) {
	s.renderArticles(w, r, http.StatusOK, &resonanz.Article{Language: s.texts.language(r)}, "")
}

// handleArticle shows one article as customers will read it, and to leads
// the form to change it.
func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.articleOfPath(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderArticles(w, r, http.StatusOK, a, "")
}

// handleSaveArticle creates an article or, on /articles/{id}, changes it.
func (s *Server) handleSaveArticle(w http.ResponseWriter, r *http.Request) {
	a := &resonanz.Article{Language: r.PostFormValue("language"), Category: r.PostFormValue("category"), Title: r.PostFormValue("title"),
		Body: r.PostFormValue("body"), Published: r.PostFormValue("published") == "1"}
	var err error
	if r.PathValue("id") != "" {
		var old *resonanz.Article
		if old, err = s.articleOfPath(r); err == nil {
			a.ID = old.ID
		}
	}
	if err == nil {
		err = s.Help.SaveArticle(r.Context(), a, userFrom(r.Context()))
	}
	back := "/articles/" + strconv.FormatInt(a.ID, 10)
	s.settingsDone(w, r, err, back, func(status int, problem string) { s.renderArticles(w, r, status, a, problem) })
}

// handlePublishStatement publishes a crisis statement in the help center,
// titled and filed in the lead's words.
func (s *Server) handlePublishStatement(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.pageError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No such alert.").Keyed("alert.unknown"))
		return
	}
	lang := r.PostFormValue("language")
	texts := s.texts[lang]
	if texts == nil {
		s.pageError(w, r, resonanz.FieldError("language", "An article is in German or English.").Keyed("article.language"))
		return
	}
	a := &resonanz.Article{Language: lang, Title: r.PostFormValue("title"), Category: texts["help.statement.category"]}
	if err := s.Help.PublishStatement(r.Context(), id, a, userFrom(r.Context())); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/articles/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
}

// articleOfPath is the article the path names.
func (s *Server) articleOfPath(r *http.Request) (*resonanz.Article, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "There is no such article.").Keyed("help.notfound")
	}
	return s.Help.FindArticle(r.Context(), id)
}

func (s *Server) renderArticles(w http.ResponseWriter, r *http.Request, status int, edit *resonanz.Article, problem string) {
	list, err := s.Help.FindArticles(r.Context(), resonanz.ArticleFilter{})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := articlesView{Articles: list, Edit: edit, Languages: []string{resonanz.LangGerman, resonanz.LangEnglish},
		CanWrite: userFrom(r.Context()).Role != resonanz.RoleAgent, Error: problem}
	if edit.Body != "" {
		v.Preview = markdown.HTML(edit.Body)
	}
	s.render(w, r, status, "articles", v)
}
