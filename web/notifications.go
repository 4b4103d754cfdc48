package web

import (
	"net/http"
)

// handleNotifications lists the user's notifications, newest first, and marks them read.
func (s *Server) handleNotifications(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	list, err := s.Notifications.FindNotifications(r.Context(), u.ID, 100)
	if err == nil {
		err = s.Notifications.MarkNotificationsRead(r.Context(), u.ID)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notifications", list)
}
