package web

import (
	"net/http"
	"sort"
	"strconv"

	"github.com/resonanz/resonanz"
)

// boardShows is how many entries the board shows, the most recently changed:
// a board nobody triages grows with every suggestion.
const boardShows = 300

// suggestionsView is the board: the entries grouped by topic, and for each
// done entry not yet announced whom its notice would reach.
type suggestionsView struct {
	Groups   []suggestionGroup
	Entries  []*resonanz.Suggestion // every entry shown, offered once to merge into
	More     bool                   // older entries are not shown
	Previews map[int64]*resonanz.NoticePreview
	Statuses []string
	titles   map[int64]string
}

// suggestionGroup is the entries of one topic ("": none).
type suggestionGroup struct {
	Topic   string
	Entries []*resonanz.Suggestion
}

// Title returns the title of entry id, "" when it is gone or not shown.
func (v suggestionsView) Title(id int64) string { return v.titles[id] }

// handleSuggestions shows the board of improvement suggestions.
func (s *Server) handleSuggestions(w http.ResponseWriter, r *http.Request) {
	entries, err := s.Suggestions.Suggestions(r.Context(), boardShows)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := suggestionsView{Entries: entries, More: len(entries) == boardShows, Previews: map[int64]*resonanz.NoticePreview{},
		Statuses: resonanz.SuggestionStatuses, titles: map[int64]string{}}
	byTopic := map[string]*suggestionGroup{}
	for _, e := range entries {
		v.titles[e.ID] = e.Title()
		g := byTopic[e.Topic]
		if g == nil {
			g = &suggestionGroup{Topic: e.Topic}
			byTopic[e.Topic] = g
		}
		g.Entries = append(g.Entries, e)
		if e.Status == resonanz.SuggestionDone && e.Notice == nil && isLead(userFrom(r.Context())) {
			if v.Previews[e.ID], err = s.Suggestions.PreviewSuggestionNotice(r.Context(), e.ID); err != nil {
				s.pageError(w, r, err)
				return
			}
		}
	}
	for _, g := range byTopic {
		v.Groups = append(v.Groups, *g)
	}
	// Topics with the most customers asking first; entries without a topic last.
	sort.Slice(v.Groups, func(i, j int) bool {
		a, b := v.Groups[i], v.Groups[j]
		if (a.Topic == "") != (b.Topic == "") {
			return b.Topic == ""
		}
		if asking(a) != asking(b) {
			return asking(a) > asking(b)
		}
		return a.Topic < b.Topic
	})
	s.render(w, r, http.StatusOK, "suggestions", v)
}

// asking counts the customers who asked in a group.
func asking(g suggestionGroup) int {
	n := 0
	for _, e := range g.Entries {
		n += e.Customers
	}
	return n
}

// handleSuggestionStatus lets a lead change an entry's status.
func (s *Server) handleSuggestionStatus(w http.ResponseWriter, r *http.Request) {
	s.changeSuggestion(w, r, func(id int64) error {
		return s.Suggestions.SetSuggestionStatus(r.Context(), id, r.PostFormValue("status"), userFrom(r.Context()))
	})
}

// handleMergeSuggestion lets a lead merge an entry into another (into).
func (s *Server) handleMergeSuggestion(w http.ResponseWriter, r *http.Request) {
	s.changeSuggestion(w, r, func(id int64) error {
		into, err := strconv.ParseInt(r.PostFormValue("into"), 10, 64)
		if err != nil {
			return resonanz.FieldError("into", "Choose the entry to merge into.").Keyed("suggestion.merge.into")
		}
		return s.Suggestions.MergeSuggestion(r.Context(), id, into, userFrom(r.Context()))
	})
}

// handleSuggestionNotice lets a lead tell the customers of a done entry.
func (s *Server) handleSuggestionNotice(w http.ResponseWriter, r *http.Request) {
	s.changeSuggestion(w, r, func(id int64) error {
		_, err := s.Suggestions.SendSuggestionNotice(r.Context(), id, r.PostFormValue("text"), userFrom(r.Context()))
		return err
	})
}

// changeSuggestion runs a change of the entry of the path and returns to the board.
func (s *Server) changeSuggestion(w http.ResponseWriter, r *http.Request, change func(id int64) error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		err = resonanz.Errorf(resonanz.ENOTFOUND, "No such suggestion.").Keyed("suggestion.unknown")
	} else {
		err = change(id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/suggestions#suggestion-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
