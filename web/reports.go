package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

type slaReportView struct {
	Days    int
	Choices []int
	Teams   []*resonanz.TeamSLA
}

var reportDays = []int{7, 30, 90}

// handleSLAReport shows per team how the answer-time goals were met.
func (s *Server) handleSLAReport(w http.ResponseWriter, r *http.Request) {
	days, _ := strconv.Atoi(r.URL.Query().Get("days"))
	if days <= 0 || days > 366 {
		days = 30
	}
	teams, err := s.Reports.SLAReport(r.Context(), time.Now().Add(-time.Duration(days)*24*time.Hour))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "reports", slaReportView{Days: days, Choices: reportDays, Teams: teams})
}
