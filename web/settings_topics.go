package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/resonanz/resonanz"
)

// SetTopics sets the topic names the analysis knows, for filters and corrections.
func (s *Server) SetTopics(names []string) { s.topicNames.Store(&names) }

// TopicNames returns the topic names the analysis knows.
func (s *Server) TopicNames() []string {
	if p := s.topicNames.Load(); p != nil {
		return *p
	}
	return nil
}

type topicsView struct {
	Builtin     []*resonanz.Topic
	Learned     map[string][]string // seed terms learned for built-in topics
	Own         []*resonanz.Topic
	Suggestions []resonanz.TopicSuggestion
	Edit        *resonanz.Topic
	Error       string
}

func (s *Server) handleTopics(w http.ResponseWriter, r *http.Request) {
	s.renderTopics(w, r, http.StatusOK, &resonanz.Topic{}, "")
}

func (s *Server) renderTopics(w http.ResponseWriter, r *http.Request, status int, edit *resonanz.Topic, problem string) {
	stored, err := s.Topics.FindTopics(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := topicsView{Builtin: s.BuiltinTopics, Learned: map[string][]string{}, Edit: edit, Error: problem}
	for _, t := range stored {
		if s.isBuiltinTopic(t.Name) {
			v.Learned[t.Name] = t.SeedTerms
			continue
		}
		v.Own = append(v.Own, t)
		if t.Name == r.URL.Query().Get("edit") {
			v.Edit = t
		}
	}
	if s.SuggestSeedTerms != nil {
		if v.Suggestions, err = s.SuggestSeedTerms(r.Context()); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "topics", v)
}

func (s *Server) isBuiltinTopic(name string) bool {
	for _, b := range s.BuiltinTopics {
		if b.Name == name {
			return true
		}
	}
	return false
}

// handleLearnTerm adds a suggested seed term to a topic, built-in or the company's own.
func (s *Server) handleLearnTerm(w http.ResponseWriter, r *http.Request) {
	name, term := r.PathValue("name"), strings.TrimSpace(r.PostFormValue("term"))
	stored, err := s.Topics.FindTopics(r.Context())
	t := &resonanz.Topic{Name: name}
	for _, st := range stored {
		if st.Name == name {
			t = st
		}
	}
	if err == nil && t.SeedTerms == nil && !s.isBuiltinTopic(name) {
		err = resonanz.Errorf(resonanz.ENOTFOUND, "No topic %q.", name).Keyed("topic.unknown")
	}
	if err == nil && term == "" {
		err = resonanz.FieldError("term", "Choose a term to learn.").Keyed("topic.term")
	}
	if err == nil && !slices.Contains(t.SeedTerms, term) {
		t.SeedTerms = append(t.SeedTerms, term)
		err = s.Topics.SaveTopic(r.Context(), t)
	}
	s.topicsDone(w, r, &resonanz.Topic{}, err)
}

// handleSaveTopic saves a company topic; new messages are analysed with it at once.
func (s *Server) handleSaveTopic(w http.ResponseWriter, r *http.Request) {
	t := &resonanz.Topic{Name: r.PostFormValue("name"), Description: r.PostFormValue("description"), SeedTerms: formList(r, "seed_terms")}
	err := t.Validate()
	if err == nil && s.isBuiltinTopic(t.Name) {
		err = resonanz.FieldError("name", "%q is a built-in topic; choose another name.", t.Name).Keyed("topic.builtin")
	}
	if err == nil {
		err = s.Topics.SaveTopic(r.Context(), t)
	}
	s.topicsDone(w, r, t, err)
}

func (s *Server) handleDeleteTopic(w http.ResponseWriter, r *http.Request) {
	s.topicsDone(w, r, &resonanz.Topic{}, s.Topics.DeleteTopic(r.Context(), r.PathValue("name")))
}

// topicsDone makes the analysis use the changed topics, or shows the form again with the problem.
func (s *Server) topicsDone(w http.ResponseWriter, r *http.Request, t *resonanz.Topic, err error) {
	if err == nil {
		var names []string
		if names, err = s.ReloadTopics(r.Context()); err == nil {
			s.SetTopics(names)
		}
	}
	s.settingsDone(w, r, err, "/settings/topics", func(status int, problem string) { s.renderTopics(w, r, status, t, problem) })
}
