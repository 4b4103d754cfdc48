package web

import (
	"net/http"
	"strconv"

	"github.com/resonanz/resonanz"
)

// handleRoomChoice puts a message or a customer in or out of the crisis
// room; the alert's timeline records who did it.
func (s *Server) handleRoomChoice(w http.ResponseWriter, r *http.Request) {
	id, err := alertID(r)
	if err == nil {
		c := resonanz.RoomChoice{Include: r.PostFormValue("include") == "1"}
		c.MessageID, _ = strconv.ParseInt(r.PostFormValue("message"), 10, 64)
		c.ContactID, _ = strconv.ParseInt(r.PostFormValue("contact"), 10, 64)
		err = s.Alerts.ChooseRoomMembers(r.Context(), id, userFrom(r.Context()), c)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: id})
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(id, 10)+"#room", http.StatusSeeOther)
}

// roomRow is one message of the crisis room, or one it left out (Left),
// with the button that changes that.
type roomRow struct {
	Page    *page
	AlertID int64
	Message *resonanz.RoomMessage
	Left    bool
}
