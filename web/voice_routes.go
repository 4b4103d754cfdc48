package web

// voiceRoutes serve the praise walls and the board of improvement suggestions.
func (s *Server) voiceRoutes() {
	s.mux.HandleFunc("GET /praise", s.requireUser(s.handlePraiseWalls))
	s.mux.HandleFunc("GET /praise/{id}", s.requireUser(s.handlePraiseWall))
	s.mux.HandleFunc("POST /messages/{id}/praise", s.requireUser(s.handleMarkPraise))
	s.mux.HandleFunc("GET /suggestions", s.requireUser(s.handleSuggestions))
	s.mux.HandleFunc("POST /suggestions/{id}/status", s.requireUser(s.requireLead(s.handleSuggestionStatus)))
	s.mux.HandleFunc("POST /suggestions/{id}/merge", s.requireUser(s.requireLead(s.handleMergeSuggestion)))
	s.mux.HandleFunc("POST /suggestions/{id}/notice", s.requireUser(s.requireLead(s.handleSuggestionNotice)))
}
