package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/resonanz/resonanz"
)

// praiseWallLen is how much praise a wall shows.
const praiseWallLen = 200

// praiseView is the praise page: the walls the reader may see and the one open.
type praiseView struct {
	Teams []*resonanz.Team
	Team  *resonanz.Team // nil: none chosen
	Wall  []*resonanz.Praise
}

// casePraise is the praise among a conversation's messages and whom it may name.
type casePraise struct {
	Marked     map[int64]*resonanz.Praise // by message id
	Candidates []*resonanz.User
}

// praiseMark is what the "praise-mark" template shows beside a customer message.
type praiseMark struct {
	P          *page
	MessageID  int64
	Praise     *resonanz.Praise // nil: not praise
	Candidates []*resonanz.User
}

// wallsOf returns the teams whose praise walls u may see: leads all, agents their own.
func wallsOf(u *resonanz.User, teams []*resonanz.Team) []*resonanz.Team {
	if isLead(u) {
		return teams
	}
	var mine []*resonanz.Team
	for _, t := range teams {
		if slices.Contains(t.Members, u.ID) {
			mine = append(mine, t)
		}
	}
	return mine
}

// handlePraiseWalls shows the first wall the reader may see, and links to the others.
func (s *Server) handlePraiseWalls(w http.ResponseWriter, r *http.Request) {
	s.renderPraise(w, r, 0)
}

// handlePraiseWall shows one team's wall, to its members and the leads.
func (s *Server) handlePraiseWall(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.pageError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No such team.").Keyed("team.unknown"))
		return
	}
	s.renderPraise(w, r, id)
}

// renderPraise shows the wall of team id (0: the reader's first).
func (s *Server) renderPraise(w http.ResponseWriter, r *http.Request, id int64) {
	teams, err := s.Users.FindTeams(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := praiseView{Teams: wallsOf(userFrom(r.Context()), teams)}
	switch i := slices.IndexFunc(v.Teams, func(t *resonanz.Team) bool { return t.ID == id }); {
	case id == 0 && len(v.Teams) > 0:
		v.Team = v.Teams[0]
	case i >= 0:
		v.Team = v.Teams[i]
	case slices.ContainsFunc(teams, func(t *resonanz.Team) bool { return t.ID == id }):
		s.pageError(w, r, resonanz.Errorf(resonanz.EFORBIDDEN, "Only the team's members and the leads see its praise.").Keyed("praise.forbidden"))
		return
	case id != 0:
		s.pageError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No such team.").Keyed("team.unknown"))
		return
	}
	if v.Team != nil {
		if v.Wall, err = s.Praise.PraiseWall(r.Context(), v.Team.ID, praiseWallLen); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "praise", v)
}

// handleMarkPraise marks a customer message as praise for a person of the
// conversation (user) or its team, or takes it off the wall (unmark).
func (s *Server) handleMarkPraise(w http.ResponseWriter, r *http.Request) {
	id, err := s.visibleByPath(r, resonanz.Errorf(resonanz.ENOTFOUND, "No such message.").Keyed("message.unknown"), s.Conversations.MessageConversation)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	conversationID, err := s.Conversations.MessageConversation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if r.PostFormValue("unmark") != "" {
		err = s.Praise.UnmarkPraise(r.Context(), id, userFrom(r.Context()))
	} else {
		userID, _ := strconv.ParseInt(r.PostFormValue("user"), 10, 64)
		_, err = s.Praise.MarkPraise(r.Context(), id, userID, userFrom(r.Context()))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/conversations/"+strconv.FormatInt(conversationID, 10), http.StatusSeeOther)
}

// casePraise reads the praise in conversation id and whom it may name.
func (s *Server) casePraise(r *http.Request, id int64) (casePraise, error) {
	cp := casePraise{Marked: map[int64]*resonanz.Praise{}}
	list, err := s.Praise.ConversationPraise(r.Context(), id)
	if err != nil {
		return cp, err
	}
	for _, p := range list {
		cp.Marked[p.MessageID] = p
	}
	cp.Candidates, err = s.Praise.PraiseCandidates(r.Context(), id)
	return cp, err
}
