package web

import (
	"net/http"
	"strings"

	"github.com/resonanz/resonanz"
)

type searchView struct {
	Query string
	Hits  []*resonanz.SearchHit
	Error string
}

// handleSearch finds messages and shows them with the matching words highlighted.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	v := searchView{Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	if v.Query != "" {
		hits, err := s.Search.SearchMessages(r.Context(), v.Query, 50, userFrom(r.Context()).VisibleTo())
		switch resonanz.ErrorCode(err) {
		case "":
			v.Hits = hits
		case resonanz.EINVALID:
			v.Error = s.locale(r).Error(err)
		default:
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "search", v)
}
