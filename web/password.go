package web

import (
	"net/http"

	"github.com/resonanz/resonanz"
)

// passwordPath is where a user chooses their own password; a user with a
// one-time password may open nothing else until they have.
const passwordPath = "/me/password"

type passwordView struct {
	Error string
}

func (s *Server) handlePasswordPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password", passwordView{})
}

// handleChangePassword replaces the user's password with one of their own.
func (s *Server) handleChangePassword(w http.ResponseWriter, r *http.Request) {
	password := r.PostFormValue("password")
	var err error
	if password != r.PostFormValue("repeat") {
		err = resonanz.FieldError("repeat", "The two new passwords differ.")
	} else {
		err = s.UserAdmin.ChangeOwnPassword(r.Context(), userFrom(r.Context()).ID, r.PostFormValue("current"), password)
	}
	s.settingsDone(w, r, err, "/", func(status int, problem string) {
		s.render(w, r, status, "password", passwordView{Error: problem})
	})
}

// mustChangePassword tells whether a request of a user with a one-time
// password goes elsewhere than choosing their own (or logging out).
func mustChangePassword(u *resonanz.User, r *http.Request) bool {
	return u.MustChangePassword && r.URL.Path != passwordPath && r.URL.Path != "/logout"
}
