package web

import (
	"net/http"

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
	Builtin []*resonanz.Topic
	Own     []*resonanz.Topic
	Edit    *resonanz.Topic
	Error   string
}

func (s *Server) handleTopics(w http.ResponseWriter, r *http.Request) {
	s.renderTopics(w, r, http.StatusOK, &resonanz.Topic{}, "")
}

func (s *Server) renderTopics(w http.ResponseWriter, r *http.Request, status int, edit *resonanz.Topic, problem string) {
	own, err := s.Topics.FindTopics(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if name := r.URL.Query().Get("edit"); name != "" {
		for _, t := range own {
			if t.Name == name {
				edit = t
			}
		}
	}
	s.render(w, r, status, "topics", topicsView{Builtin: s.BuiltinTopics, Own: own, Edit: edit, Error: problem})
}

// handleSaveTopic saves a company topic; new messages are analysed with it at once.
func (s *Server) handleSaveTopic(w http.ResponseWriter, r *http.Request) {
	t := &resonanz.Topic{Name: r.PostFormValue("name"), Description: r.PostFormValue("description"), SeedTerms: formList(r, "seed_terms")}
	err := t.Validate()
	for _, b := range s.BuiltinTopics {
		if err == nil && b.Name == t.Name {
			err = resonanz.FieldError("name", "%q is a built-in topic; choose another name.", t.Name)
		}
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
