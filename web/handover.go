package web

import (
	"net/http"

	"github.com/resonanz/resonanz"
)

// handleHandOver gives the conversation to a colleague with a note.
func (s *Server) handleHandOver(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
		to, err := optionalID(r, "to")
		if err != nil || to == 0 {
			return resonanz.FieldError("to", "Choose a colleague to hand over to.").Keyed("handover.to")
		}
		return s.Conversations.HandOver(r.Context(), id, userFrom(r.Context()), to, r.PostFormValue("note"))
	})
}

// handleVIP marks the customer as a VIP, or not.
func (s *Server) handleVIP(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
		return s.Conversations.SetVIP(r.Context(), id, userFrom(r.Context()), r.PostFormValue("vip") == "1")
	})
}

// handleAway lets an agent say they are away (no new conversations by
// round-robin) or back, keeping their capacity.
func (s *Server) handleAway(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	if err := s.Users.SetAvailability(r.Context(), u.ID, r.PostFormValue("away") == "1", u.Capacity); err != nil {
		s.pageError(w, r, err)
		return
	}
	backTo(w, r, "/")
}
