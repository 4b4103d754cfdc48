package web

import (
	"bytes"
	"net/http"

	"github.com/resonanz/resonanz"
)

// handlePresence records that the user views (state=viewing) or writes in
// (state=writing) the conversation, or left it (state=gone), tells the
// other pages when that changes what they show, and answers who else is on
// the conversation.
func (s *Server) handlePresence(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.mayOpen(r, id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	u := userFrom(r.Context())
	var changed bool
	switch r.PostFormValue("state") {
	case "gone":
		changed = s.Presence.Leave(id, u.ID)
	case "writing":
		changed = s.Presence.Mark(id, u.ID, u.Name, true)
	default:
		changed = s.Presence.Mark(id, u.ID, u.Name, false)
	}
	if changed {
		s.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LivePresence, ConversationID: id})
	}
	s.renderPresence(w, r, id)
}

// handleShowPresence answers who else views or writes in the conversation.
func (s *Server) handleShowPresence(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.mayOpen(r, id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderPresence(w, r, id)
}

// renderPresence writes the presence line of a conversation alone; pages
// ask for it every few seconds, so it skips what a whole page gathers.
func (s *Server) renderPresence(w http.ResponseWriter, r *http.Request, id int64) {
	u := userFrom(r.Context())
	loc := s.locale(r)
	p := &page{locale: loc, Lang: loc.lang, User: u, CSRF: csrfFrom(r.Context()), Path: r.URL.Path,
		Data: conversationView{Presence: s.Presence.Others(id, u.ID)}}
	var buf bytes.Buffer
	if err := s.pages["conversation"].ExecuteTemplate(&buf, "presence", p); err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// mayWatch reports whether the user may learn who is on a conversation:
// whether they may open it.
func (s *Server) mayWatch(r *http.Request, id int64) bool {
	u := userFrom(r.Context())
	if u.SeesAllConversations() {
		return true
	}
	ok, err := s.Conversations.CanSee(r.Context(), u, id)
	if err != nil {
		s.logInternal(r, err)
	}
	return ok
}
