package web

import (
	"fmt"
	"net/http"

	"github.com/resonanz/resonanz"
)

// analysisVersions is how many versions the analysis page lists.
const analysisVersions = 30

type analysisView struct {
	Versions []*resonanz.ModelVersion
	Live     *resonanz.ModelVersion // the newest accepted; nil or a reset: the shipped models
}

// handleAnalysisSettings shows leads how the analysis learned from the
// agents' corrections: its versions and how well each did.
func (s *Server) handleAnalysisSettings(w http.ResponseWriter, r *http.Request) {
	versions, err := s.Models.ModelVersions(r.Context(), analysisVersions)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := analysisView{Versions: versions}
	for _, m := range versions {
		if m.Accepted {
			v.Live = m
			break
		}
	}
	s.render(w, r, http.StatusOK, "analysis", v)
}

// handleResetModel goes back to the shipped models; the version list keeps who did it.
func (s *Server) handleResetModel(w http.ResponseWriter, r *http.Request) {
	_, err := s.Models.ResetModel(r.Context(), userFrom(r.Context()))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/analysis", http.StatusSeeOther)
}

// Percent shows a share as a whole percentage.
func (p *page) Percent(share float64) string { return fmt.Sprintf("%.0f %%", 100*share) }
