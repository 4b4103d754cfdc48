package web

import (
	"net/http"
	"net/url"

	"github.com/resonanz/resonanz/report"
)

// overviewView is the dashboard of a period and filter.
type overviewView struct {
	Filter  report.Filter
	From    string // the period's first and last local date, for the form
	To      string
	Query   string // the filter as a query, for the CSV and group links
	Filters []filterSelect
	Periods []periodLink
	Blocks  []chartBlock
	Figures reportTable
}

// periodLink offers a period of the last n days.
type periodLink struct {
	Days    int
	URL     string
	Current bool
}

// handleOverview shows leads how customers are heard: volumes, sentiment,
// topics, answer times, goals, backlog, promises and goodwill. Agents see
// their own figures instead (handleAgentReport).
func (s *Server) handleOverview(w http.ResponseWriter, r *http.Request) {
	f := s.reportFilter(r)
	o, err := s.Dashboards.Overview(r.Context(), f, s.Now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	l := s.locale(r)
	v, err := s.overviewPage(r, l, f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Blocks, v.Figures = overviewBlocks(l, o), figuresTable(l, o)
	s.render(w, r, http.StatusOK, "overview", v)
}

// overviewPage fills what every report page has: its period, the filter
// choices and the links to other periods.
func (s *Server) overviewPage(r *http.Request, l *locale, f report.Filter) (*overviewView, error) {
	teams, err := s.Users.FindTeams(r.Context())
	if err != nil {
		return nil, err
	}
	all := filterSelects(l, reportInboxFilter(f), teams, s.labelChoices())
	var selects []filterSelect
	for _, fs := range all {
		switch fs.Name {
		case "channel", "team", "topic", "language":
			selects = append(selects, fs)
		}
	}
	v := &overviewView{Filter: f, From: dateOf(f.Period.From), To: dateOf(f.Period.Last()), Query: reportQuery(f).Encode(), Filters: selects}
	for _, days := range []int{7, 30, 90} {
		p := report.LastDays(days, s.Now(), s.Location)
		q := reportQuery(report.Filter{Period: p, TeamID: f.TeamID, Channel: f.Channel, Topic: f.Topic, Language: f.Language})
		v.Periods = append(v.Periods, periodLink{Days: days, URL: r.URL.Path + "?" + q.Encode(), Current: p == f.Period})
	}
	return v, nil
}

// CSVURL is the address of a table's CSV export for this page.
func (v *overviewView) CSVURL(table string) string {
	return "/reports/csv/" + url.PathEscape(table) + "?" + v.Query
}

// GroupsURL is the address of the per-team and per-agent figures of this period and filter.
func (v *overviewView) GroupsURL() string { return "/reports/teams?" + v.Query }
