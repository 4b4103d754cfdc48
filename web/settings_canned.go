package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/resonanz/resonanz"
)

type cannedView struct {
	Replies   []*resonanz.CannedReply
	Teams     []*resonanz.Team
	Languages []string
	Edit      *resonanz.CannedReply
	Help      string
	Error     string
}

// handleCannedReplies lists every team's canned replies, with the form for a
// new one or, with ?edit=<id>, for changing one.
func (s *Server) handleCannedReplies(w http.ResponseWriter, r *http.Request) {
	s.renderCanned(w, r, http.StatusOK, nil, "")
}

func (s *Server) renderCanned(w http.ResponseWriter, r *http.Request, status int, edit *resonanz.CannedReply, problem string) {
	ctx := r.Context()
	v := cannedView{Languages: []string{resonanz.LangGerman, resonanz.LangEnglish}, Edit: edit, Error: problem}
	var err error
	if v.Replies, err = s.Canned.FindCannedReplies(ctx, resonanz.CannedFilter{AllTeams: true}); err == nil {
		if v.Teams, err = s.Users.FindTeams(ctx); err == nil {
			v.Help, err = s.Canned.HelpCenterLink(ctx)
		}
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if v.Edit == nil {
		v.Edit = &resonanz.CannedReply{Language: s.texts.language(r)}
		editID, _ := strconv.ParseInt(r.URL.Query().Get("edit"), 10, 64)
		for _, c := range v.Replies {
			if c.ID == editID {
				v.Edit = c
			}
		}
	}
	s.render(w, r, status, "canned", v)
}

// handleSaveCannedReply creates a canned reply (no id) or changes one.
func (s *Server) handleSaveCannedReply(w http.ResponseWriter, r *http.Request) {
	c := &resonanz.CannedReply{Title: r.PostFormValue("title"), Text: r.PostFormValue("text"), Language: r.PostFormValue("language")}
	var err error
	if c.ID, err = optionalID(r, "id"); err == nil {
		if c.TeamID, err = optionalID(r, "team"); err == nil {
			if err = s.mayManageCanned(r, c.ID, c.TeamID); err == nil {
				err = s.Canned.SaveCannedReply(r.Context(), c, userFrom(r.Context()))
			}
		}
	}
	s.cannedDone(w, r, c, err)
}

func (s *Server) handleDeleteCannedReply(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		if err = s.mayManageCanned(r, id, -1); err == nil {
			err = s.Canned.DeleteCannedReply(r.Context(), id)
		}
	}
	s.cannedDone(w, r, nil, err)
}

// handleSaveHelpLink sets the help-center link the placeholder {help} stands for.
func (s *Server) handleSaveHelpLink(w http.ResponseWriter, r *http.Request) {
	s.cannedDone(w, r, nil, s.Canned.SetHelpCenterLink(r.Context(), r.PostFormValue("help"), userFrom(r.Context())))
}

// mayManageCanned refuses a lead the canned reply id (0: a new one) and the
// team it is to belong to (-1: where it is) unless both are their teams'.
func (s *Server) mayManageCanned(r *http.Request, id, team int64) error {
	u := userFrom(r.Context())
	if u.Role == resonanz.RoleAdmin {
		return nil
	}
	teams, err := s.Users.FindTeams(r.Context())
	if err != nil {
		return err
	}
	wanted := []int64{team}
	if id != 0 {
		all, err := s.Canned.FindCannedReplies(r.Context(), resonanz.CannedFilter{AllTeams: true})
		if err != nil {
			return err
		}
		i := slices.IndexFunc(all, func(c *resonanz.CannedReply) bool { return c.ID == id })
		if i < 0 {
			return resonanz.Errorf(resonanz.ENOTFOUND, "Canned reply %d not found.", id).Keyed("canned.notfound")
		}
		wanted = append(wanted, all[i].TeamID)
	}
	for _, t := range wanted {
		if t >= 0 && !resonanz.MayManageCanned(u, t, teams) {
			return resonanz.Errorf(resonanz.EFORBIDDEN, "Only an admin or a lead of the team may change its canned replies.").Keyed("canned.forbidden")
		}
	}
	return nil
}

// cannedDone returns to the list, or shows the form again with what was typed and the problem.
func (s *Server) cannedDone(w http.ResponseWriter, r *http.Request, edit *resonanz.CannedReply, err error) {
	s.settingsDone(w, r, err, "/settings/canned", func(status int, problem string) { s.renderCanned(w, r, status, edit, problem) })
}
