package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

type teamsView struct {
	Teams  []*resonanz.Team
	Users  []*resonanz.User
	Loads  map[int64]int
	Labels labelChoices
	Error  string
}

func (s *Server) handleTeams(w http.ResponseWriter, r *http.Request) {
	s.renderTeams(w, r, http.StatusOK, "")
}

func (s *Server) renderTeams(w http.ResponseWriter, r *http.Request, status int, problem string) {
	ctx := r.Context()
	v := teamsView{Labels: s.labelChoices(), Error: problem}
	var err error
	if v.Teams, err = s.Users.FindTeams(ctx); err == nil {
		if v.Users, err = s.Users.FindUsers(ctx); err == nil {
			v.Loads, err = s.RouteStore.OpenLoads(ctx)
		}
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "teams", v)
}

func (s *Server) teamsDone(w http.ResponseWriter, r *http.Request, err error) {
	s.settingsDone(w, r, err, "/settings/teams", func(status int, problem string) { s.renderTeams(w, r, status, problem) })
}

// handleSaveTeam creates a team (no id) or saves a team's members, languages, topics and assignment.
func (s *Server) handleSaveTeam(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := optionalID(r, "id")
	if err == nil && id == 0 {
		_, err = s.Users.CreateTeam(ctx, r.PostFormValue("name"))
	} else if err == nil {
		t := &resonanz.Team{ID: id, RoundRobin: r.PostFormValue("round_robin") == "1"}
		labels := s.labelChoices()
		t.Languages, t.Topics = formValues(r, "language", labels.Languages), formValues(r, "topic", labels.Topics)
		for _, v := range r.PostForm["member"] {
			member, perr := strconv.ParseInt(v, 10, 64)
			if perr != nil {
				err = resonanz.FieldError("member", "No such user: %q.", v).Keyed("team.member.unknown")
				break
			}
			t.Members = append(t.Members, member)
		}
		if err == nil {
			err = s.Users.SaveTeam(ctx, t)
		}
	}
	s.teamsDone(w, r, err)
}

// handleSaveAgent sets an agent's availability and capacity.
func (s *Server) handleSaveAgent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var capacity int
		if capacity, err = strconv.Atoi(strings.TrimSpace(r.PostFormValue("capacity"))); err != nil {
			err = resonanz.FieldError("capacity", "Capacity must be a whole number (0 = no limit).").Keyed("agent.capacity.number")
		} else {
			err = s.Users.SetAvailability(r.Context(), id, r.PostFormValue("away") == "1", capacity)
		}
	}
	s.teamsDone(w, r, err)
}
