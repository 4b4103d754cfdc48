package web

import (
	"net/http"

	"github.com/resonanz/resonanz"
)

// handleConsent records the contact wish of the conversation's customer:
// "optout" with a reason and optionally some channels, or contact allowed again.
func (s *Server) handleConsent(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
		c := resonanz.Consent{OptOut: r.PostFormValue("optout") == "1", Reason: r.PostFormValue("reason")}
		if c.OptOut {
			c.Channels = r.PostForm["channel"]
		}
		return s.Conversations.SetConsent(r.Context(), id, userFrom(r.Context()), c)
	})
}
