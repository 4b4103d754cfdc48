package web

import (
	"net/http"
)

// handleNotifications lists the user's notifications, newest first; the
// unread ones stay unread until the user marks them read.
func (s *Server) handleNotifications(w http.ResponseWriter, r *http.Request) {
	list, err := s.Notifications.FindNotifications(r.Context(), userFrom(r.Context()).ID, 100)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notifications", list)
}

// handleNotificationsRead marks all of the user's notifications read.
func (s *Server) handleNotificationsRead(w http.ResponseWriter, r *http.Request) {
	if err := s.Notifications.MarkNotificationsRead(r.Context(), userFrom(r.Context()).ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

// handleNotificationsLink renders the header's notifications link with the
// unread count; open pages fetch it every minute.
func (s *Server) handleNotificationsLink(w http.ResponseWriter, r *http.Request) {
	p, err := s.newPage(r, nil)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.pages["notifications"].ExecuteTemplate(w, "notifications-link", p); err != nil {
		s.Logger.Error("render", "page", "notifications link", "err", err)
	}
}
