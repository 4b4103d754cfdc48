package web

import (
	"net/http"
	"strings"

	"github.com/resonanz/resonanz"
)

// commonZones are offered in the time zone field; any IANA name works.
var commonZones = []string{"Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/Amsterdam", "Europe/Paris", "Europe/London",
	"Europe/Lisbon", "Europe/Warsaw", "Europe/Istanbul", "America/New_York", "America/Los_Angeles", "Asia/Kolkata", "UTC"}

type meView struct {
	Company string   // the company's time zone
	Zones   []string // suggestions
	Zone    string   // what is in the field
	Error   string
}

// handleMe shows the user's own settings: where they read times.
func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "me", meView{Company: s.Location.String(), Zones: commonZones, Zone: userFrom(r.Context()).TimeZone})
}

// handleMyZone sets the user's time zone; empty is the company's. A bad
// zone shows the form again with what was typed.
func (s *Server) handleMyZone(w http.ResponseWriter, r *http.Request) {
	zone := strings.TrimSpace(r.PostFormValue("zone"))
	err := s.Users.SetTimeZone(r.Context(), userFrom(r.Context()).ID, zone)
	if resonanz.ErrorCode(err) == resonanz.EINVALID {
		v := meView{Company: s.Location.String(), Zones: commonZones, Zone: zone, Error: s.locale(r).Error(err)}
		s.render(w, r, http.StatusBadRequest, "me", v)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/me", http.StatusSeeOther)
}
