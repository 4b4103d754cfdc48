package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/resonanz/resonanz"
)

type usersView struct {
	Users []*resonanz.User
	Teams []*resonanz.Team
	Roles []string
	// Edit is the user whose form is open (?edit=<id>); Invite what was
	// typed into the invitation when it failed.
	Edit   *resonanz.User
	Invite resonanz.User
	// Handed is a one-time password just handed out: shown once, never stored.
	Handed *handedPassword
	Error  string
}

type handedPassword struct {
	Login, Name, Password string
}

// TeamsOf lists the names of a user's teams.
func (v usersView) TeamsOf(userID int64) []string {
	var names []string
	for _, t := range v.Teams {
		if slices.Contains(t.Members, userID) {
			names = append(names, t.Name)
		}
	}
	return names
}

// InTeam tells whether a user belongs to a team.
func (v usersView) InTeam(userID int64, t *resonanz.Team) bool {
	return slices.Contains(t.Members, userID)
}

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	v := &usersView{}
	if id, err := strconv.ParseInt(r.URL.Query().Get("edit"), 10, 64); err == nil {
		if v.Edit, err = s.UserAdmin.FindUserByID(r.Context(), id); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.renderUsers(w, r, http.StatusOK, v)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, v *usersView) {
	var err error
	if v.Users, err = s.Users.FindUsers(r.Context()); err == nil {
		v.Teams, err = s.Users.FindTeams(r.Context())
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Roles = []string{resonanz.RoleAgent, resonanz.RoleLead, resonanz.RoleAdmin}
	if v.Invite.Role == "" {
		v.Invite.Role = resonanz.RoleAgent
	}
	// A page with a password on it stays out of every cache.
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "users", v)
}

// handleInviteUser adds a user with a one-time password, shown on the answer once.
func (s *Server) handleInviteUser(w http.ResponseWriter, r *http.Request) {
	u := &resonanz.User{Login: r.PostFormValue("login"), Name: r.PostFormValue("name"), Role: r.PostFormValue("role")}
	teams, err := formIDs(r, "team")
	var password string
	if err == nil {
		password, err = s.UserAdmin.InviteUser(r.Context(), u, teams)
	}
	if err != nil {
		s.usersProblem(w, r, err, &usersView{Invite: *u})
		return
	}
	s.renderUsers(w, r, http.StatusOK, &usersView{Handed: &handedPassword{Login: u.Login, Name: u.Name, Password: password}})
}

// handleChangeUser saves a user's name, role, teams and whether they are disabled.
func (s *Server) handleChangeUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name, role, disabled := r.PostFormValue("name"), r.PostFormValue("role"), r.PostFormValue("disabled") == "1"
	teams, err := formIDs(r, "team")
	if err == nil {
		err = s.UserAdmin.ChangeUser(r.Context(), id, resonanz.UserChange{Name: &name, Role: &role, Disabled: &disabled, TeamIDs: &teams})
	}
	if err != nil {
		edit, ferr := s.UserAdmin.FindUserByID(r.Context(), id)
		if ferr != nil {
			s.pageError(w, r, ferr)
			return
		}
		s.usersProblem(w, r, err, &usersView{Edit: edit})
		return
	}
	http.Redirect(w, r, "/settings/users", http.StatusSeeOther)
}

// handleResetPassword gives a user a new one-time password, shown on the answer once.
func (s *Server) handleResetPassword(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var u *resonanz.User
	if err == nil {
		u, err = s.UserAdmin.FindUserByID(r.Context(), id)
	}
	var password string
	if err == nil {
		password, err = s.UserAdmin.ResetPassword(r.Context(), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderUsers(w, r, http.StatusOK, &usersView{Handed: &handedPassword{Login: u.Login, Name: u.Name, Password: password}})
}

// usersProblem shows the page again with the problem, or the error page for internal errors.
func (s *Server) usersProblem(w http.ResponseWriter, r *http.Request, err error, v *usersView) {
	if resonanz.ErrorCode(err) == resonanz.EINTERNAL || resonanz.ErrorCode(err) == resonanz.ENOTFOUND {
		s.pageError(w, r, err)
		return
	}
	v.Error = resonanz.ErrorMessage(err)
	s.renderUsers(w, r, errorStatus(err), v)
}

// formIDs reads a group of checkboxes holding ids.
func formIDs(r *http.Request, name string) ([]int64, error) {
	ids := []int64{}
	for _, v := range r.PostForm[name] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, resonanz.FieldError(name, "Not a valid choice: %q.", v)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
