package web

import "net/http"

// handleAlertBar sends the alert banner alone, for pages that learned from
// the live stream that theirs is out of date.
func (s *Server) handleAlertBar(w http.ResponseWriter, r *http.Request) {
	banner, err := s.renderBanner(r)
	if err != nil {
		s.logInternal(r, err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(banner)
}
