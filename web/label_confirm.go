package web

import (
	"net/http"
	"strconv"

	"github.com/resonanz/resonanz"
)

// confirmedFields are the labels an agent confirms with one click.
var confirmedFields = []string{"sentiment", "kind", "language"}

// handleConfirmLabels records that the analysis labelled a customer message
// right, as the agent saw it: the analysis learns from what it got right as
// well as from its mistakes.
func (s *Server) handleConfirmLabels(w http.ResponseWriter, r *http.Request) {
	id, err := s.visibleByPath(r, resonanz.Errorf(resonanz.ENOTFOUND, "No such message.").Keyed("message.unknown"), s.Conversations.MessageConversation)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var conversationID int64
	for _, field := range confirmedFields {
		if value := r.PostFormValue(field); value != "" {
			if conversationID, err = s.Conversations.CorrectLabel(r.Context(), id, userFrom(r.Context()), field, value); err != nil {
				s.pageError(w, r, err)
				return
			}
		}
	}
	if conversationID == 0 {
		s.pageError(w, r, resonanz.FieldError("sentiment", "Only sentiment, kind, topics and language can be corrected.").Keyed("label.field"))
		return
	}
	http.Redirect(w, r, "/conversations/"+strconv.FormatInt(conversationID, 10), http.StatusSeeOther)
}
