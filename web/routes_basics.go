package web

// basicsRoutes are the routes of the helpdesk basics: canned replies,
// signatures, presence, bulk actions, user management and passwords.
func (s *Server) basicsRoutes() {
	s.mux.HandleFunc("POST /conversations/{id}/canned", s.requireUser(s.handleInsertCanned))
	s.mux.HandleFunc("GET /settings/canned", s.requireUser(s.requireLead(s.handleCannedReplies)))
	s.mux.HandleFunc("POST /settings/canned", s.requireUser(s.requireLead(s.handleSaveCannedReply)))
	s.mux.HandleFunc("POST /settings/canned/{id}/delete", s.requireUser(s.requireLead(s.handleDeleteCannedReply)))
	s.mux.HandleFunc("POST /settings/canned/help", s.requireUser(s.requireLead(s.handleSaveHelpLink)))
	s.mux.HandleFunc("GET /conversations/{id}/presence", s.requireUser(s.handleShowPresence))
	s.mux.HandleFunc("POST /conversations/{id}/presence", s.requireUser(s.handlePresence))
	s.mux.HandleFunc("POST /conversations/bulk", s.requireUser(s.handleBulk))
	s.mux.HandleFunc("GET /settings/users", s.requireUser(s.requireAdmin(s.handleUsers)))
	s.mux.HandleFunc("POST /settings/users", s.requireUser(s.requireAdmin(s.handleInviteUser)))
	s.mux.HandleFunc("POST /settings/users/{id}", s.requireUser(s.requireAdmin(s.handleChangeUser)))
	s.mux.HandleFunc("POST /settings/users/{id}/password", s.requireUser(s.requireAdmin(s.handleResetPassword)))
	s.mux.HandleFunc("GET "+passwordPath, s.requireUser(s.handlePasswordPage))
	s.mux.HandleFunc("POST "+passwordPath, s.requireUser(s.handleChangePassword))
	s.mux.HandleFunc("GET /signatures", s.requireUser(s.handleSignatures))
	s.mux.HandleFunc("POST /signatures/mine", s.requireUser(s.handleSaveMySignature))
	s.mux.HandleFunc("POST /signatures/teams/{id}", s.requireUser(s.requireLead(s.handleSaveTeamSignature)))
}
