package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/report"
)

// groupView is the figures per team and per agent, or one agent's own.
type groupView struct {
	*overviewView
	Agent       *resonanz.User // set on one agent's page
	Tables      []reportTable
	Definitions []definition
}

// definition says what a column of the group tables counts.
type definition struct {
	Term, Text string
}

// groupColumns are the columns of the group tables, after the name.
var groupColumns = []string{"new", "answered", "first_median", "first_p90", "solved", "resolution_median", "resolution_p90", "goals"}

// handleTeamReport shows leads the period's figures per team and per agent.
func (s *Server) handleTeamReport(w http.ResponseWriter, r *http.Request) {
	f, l := s.reportFilter(r), s.locale(r)
	v, err := s.overviewPage(r, l, f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	gv := &groupView{overviewView: v, Definitions: groupDefinitions(l)}
	for _, byOwner := range []bool{false, true} {
		t, err := s.groupTable(r, l, f, byOwner)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		gv.Tables = append(gv.Tables, t)
	}
	s.render(w, r, http.StatusOK, "report_groups", gv)
}

// handleAgentReport shows one agent's figures: to leads and admins, and to
// the agent themself; another agent gets 403, for an agent sees no
// colleague's figures.
func (s *Server) handleAgentReport(w http.ResponseWriter, r *http.Request) {
	agent, ok := s.reportedAgent(w, r)
	if !ok {
		return
	}
	f, l := s.reportFilter(r), s.locale(r)
	f.OwnerID = agent.ID
	v, err := s.overviewPage(r, l, f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	t, err := s.agentTable(r, l, f, agent)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "report_groups", &groupView{overviewView: v, Agent: agent, Tables: []reportTable{t}, Definitions: groupDefinitions(l)})
}

// handleAgentCSV exports one agent's figures, to whom may see them.
func (s *Server) handleAgentCSV(w http.ResponseWriter, r *http.Request) {
	agent, ok := s.reportedAgent(w, r)
	if !ok {
		return
	}
	f := s.reportFilter(r)
	f.OwnerID = agent.ID
	t, err := s.agentTable(r, s.locale(r), f, agent)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	writeCSV(w, "resonanz-agent-"+strconv.FormatInt(agent.ID, 10)+"-"+dateOf(f.Period.From)+"-"+dateOf(f.Period.Last()), t)
}

// reportedAgent returns the agent of the path if the user may see their figures.
func (s *Server) reportedAgent(w http.ResponseWriter, r *http.Request) (*resonanz.User, bool) {
	u := userFrom(r.Context())
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if u.Role == resonanz.RoleAgent && id != u.ID {
		s.pageError(w, r, resonanz.Errorf(resonanz.EFORBIDDEN, "You see your own figures only.").Keyed("report.own"))
		return nil, false
	}
	users, err := s.Users.FindUsers(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	for _, a := range users {
		if a.ID == id {
			return a, true
		}
	}
	s.pageError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No such agent.").Keyed("report.agent"))
	return nil, false
}

func (s *Server) agentTable(r *http.Request, l *locale, f report.Filter, agent *resonanz.User) (reportTable, error) {
	groups, err := s.Dashboards.Groups(r.Context(), f, true)
	if err != nil {
		return reportTable{}, err
	}
	g := report.Group{ID: agent.ID}
	if len(groups) == 1 {
		g = groups[0]
	}
	t := reportTable{Name: "agent", Caption: agent.Name, Head: groupHead(l, l.T("owner"))}
	t.Rows = append(t.Rows, groupRow(l, f, g, agent.Name, "owner"))
	return t, nil
}

// groupTable is the period's figures per team, or per agent (byOwner).
func (s *Server) groupTable(r *http.Request, l *locale, f report.Filter, byOwner bool) (reportTable, error) {
	groups, err := s.Dashboards.Groups(r.Context(), f, byOwner)
	if err != nil {
		return reportTable{}, err
	}
	names := map[int64]string{}
	name, param, head := "teams", "team", l.T("team")
	if byOwner {
		name, param, head = "agents", "owner", l.T("owner")
		users, err := s.Users.FindUsers(r.Context())
		if err != nil {
			return reportTable{}, err
		}
		for _, u := range users {
			names[u.ID] = u.Name
		}
	} else {
		teams, err := s.Users.FindTeams(r.Context())
		if err != nil {
			return reportTable{}, err
		}
		for _, t := range teams {
			names[t.ID] = t.Name
		}
	}
	t := reportTable{Name: name, Caption: l.T("report.by." + name), Head: groupHead(l, head)}
	for _, g := range groups {
		n := names[g.ID]
		if g.ID == 0 {
			n = l.T("none")
		}
		row := groupRow(l, f, g, n, param)
		if byOwner && g.ID != 0 {
			row[0].URL = "/reports/agents/" + strconv.FormatInt(g.ID, 10) + "?" + reportQuery(f).Encode()
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

func groupHead(l *locale, first string) []string {
	head := []string{first}
	for _, c := range groupColumns {
		head = append(head, l.T("report.fig."+c))
	}
	return head
}

// groupRow is one team's or agent's figures; the count of new
// conversations opens them in the inbox (not for "none": the inbox cannot
// filter by a missing team or owner).
func groupRow(l *locale, f report.Filter, g report.Group, name, param string) []tableCell {
	times := func(t report.Times, d time.Duration) string {
		if t.Count == 0 {
			return "—"
		}
		return l.Duration(d)
	}
	link := ""
	if g.ID != 0 {
		link = inboxLink(f, f.Period.From, f.Period.To, statusAll, param, strconv.FormatInt(g.ID, 10))
	}
	return []tableCell{{Text: name}, {Text: l.Whole(g.New), URL: link}, {Text: l.Whole(g.Answered)},
		{Text: times(g.FirstResponse, g.FirstResponse.Median)}, {Text: times(g.FirstResponse, g.FirstResponse.P90)},
		{Text: l.Whole(g.Solved)}, {Text: times(g.Resolution, g.Resolution.Median)}, {Text: times(g.Resolution, g.Resolution.P90)},
		{Text: l.Share(g.Goals.Met, g.Goals.Decided)}}
}

func groupDefinitions(l *locale) []definition {
	var defs []definition
	for _, c := range groupColumns {
		defs = append(defs, definition{Term: l.T("report.fig." + c), Text: l.T("report.def." + c)})
	}
	return defs
}
