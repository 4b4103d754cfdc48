package web

import (
	"net/http"

	"github.com/resonanz/resonanz"
)

// handleReportCSV exports one table of the overview or of the team and
// agent figures, for the period and filter of the page it was linked from.
func (s *Server) handleReportCSV(w http.ResponseWriter, r *http.Request) {
	f, l, name := s.reportFilter(r), s.locale(r), r.PathValue("table")
	var tables []reportTable
	switch name {
	case "teams", "agents":
		t, err := s.groupTable(r, l, f, name == "agents")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		tables = append(tables, t)
	default:
		o, err := s.Dashboards.Overview(r.Context(), f, s.Now())
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		tables = append(tables, figuresTable(l, o))
		for _, b := range overviewBlocks(l, o) {
			tables = append(tables, b.Table)
		}
	}
	for _, t := range tables {
		if t.Name == name {
			writeCSV(w, "resonanz-"+name+"-"+dateOf(f.Period.From)+"-"+dateOf(f.Period.Last()), t)
			return
		}
	}
	s.pageError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No such table.").Keyed("report.table"))
}
