package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// germanStates are the federal states whose public holidays a calendar can follow.
var germanStates = []string{"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"}

type slaView struct {
	Policies   []*resonanz.SLAPolicy
	Calendars  []*resonanz.Calendar
	Teams      []*resonanz.Team
	Channels   []resonanz.ChannelInfo
	Priorities []string
	States     []string
	Days       []time.Weekday      // Monday first
	Edit       *resonanz.SLAPolicy // the policy in the form; ID 0 for a new one
	Error      string
	Zone       string // the company's time zone, where a new calendar starts
}

func (s *Server) handleSLA(w http.ResponseWriter, r *http.Request) {
	s.renderSLA(w, r, http.StatusOK, "")
}

func (s *Server) renderSLA(w http.ResponseWriter, r *http.Request, status int, problem string) {
	ctx := r.Context()
	v := slaView{Channels: resonanz.Channels, Priorities: resonanz.Priorities, States: germanStates, Error: problem, Zone: s.Location.String(),
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}}
	v.Edit = &resonanz.SLAPolicy{}
	var err error
	if v.Policies, err = s.SLA.FindSLAPolicies(ctx); err == nil {
		slices.SortStableFunc(v.Policies, resonanz.ComparePolicies)
		edit, _ := strconv.ParseInt(r.URL.Query().Get("edit"), 10, 64)
		for _, p := range v.Policies {
			if p.ID == edit {
				v.Edit = p
			}
		}
		if v.Calendars, err = s.SLA.FindCalendars(ctx); err == nil {
			v.Teams, err = s.Users.FindTeams(ctx)
		}
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "sla", v)
}

// settingsDone redirects back to a settings page, or shows it again with the problem.
func (s *Server) settingsDone(w http.ResponseWriter, r *http.Request, err error, back string, again func(int, string)) {
	if err == nil {
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	if resonanz.ErrorCode(err) == resonanz.EINTERNAL {
		s.pageError(w, r, err)
		return
	}
	again(errorStatus(err), s.locale(r).Error(err))
}

func (s *Server) slaDone(w http.ResponseWriter, r *http.Request, err error) {
	s.settingsDone(w, r, err, "/settings/sla", func(status int, problem string) { s.renderSLA(w, r, status, problem) })
}

func (s *Server) handleSavePolicy(w http.ResponseWriter, r *http.Request) {
	p, err := policyFromForm(r)
	if err == nil {
		err = s.SLA.SaveSLAPolicy(r.Context(), p)
	}
	s.slaDone(w, r, err)
}

func (s *Server) handleDeletePolicy(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.SLA.DeleteSLAPolicy(r.Context(), id)
	}
	s.slaDone(w, r, err)
}

func policyFromForm(r *http.Request) (*resonanz.SLAPolicy, error) {
	p := &resonanz.SLAPolicy{Name: r.PostFormValue("name"), Priority: r.PostFormValue("priority"), Channel: r.PostFormValue("channel"),
		Reassign: r.PostFormValue("reassign") == "1"}
	var err error
	if p.ID, err = optionalID(r, "id"); err != nil {
		return nil, err
	}
	if p.TeamID, err = optionalID(r, "team"); err != nil {
		return nil, err
	}
	if p.CalendarID, err = optionalID(r, "calendar"); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		to   *time.Duration
	}{{"first", &p.FirstResponse}, {"next", &p.NextResponse}, {"resolution", &p.Resolution}, {"warn", &p.WarnBefore}} {
		n, err := formMinutes(r, f.name)
		if err != nil {
			return nil, err
		}
		*f.to = time.Duration(n) * time.Minute
	}
	return p, nil
}

func (s *Server) handleSaveCalendar(w http.ResponseWriter, r *http.Request) {
	c, err := calendarFromForm(r, s.Location)
	if err == nil && s.CheckCalendar != nil {
		err = s.CheckCalendar(c)
	}
	if err == nil {
		err = s.SLA.SaveCalendar(r.Context(), c)
	}
	s.slaDone(w, r, err)
}

// calendarFromForm reads the calendar form; a calendar without a time zone is in zone.
func calendarFromForm(r *http.Request, zone *time.Location) (*resonanz.Calendar, error) {
	c := &resonanz.Calendar{Name: r.PostFormValue("name"), TimeZone: strings.TrimSpace(r.PostFormValue("tz")),
		State: r.PostFormValue("state"), Closed: formList(r, "closed")}
	if c.TimeZone == "" {
		c.TimeZone = zone.String()
	}
	var err error
	if c.ID, err = optionalID(r, "id"); err != nil {
		return nil, err
	}
	for day := time.Sunday; day <= time.Saturday; day++ {
		field := fmt.Sprintf("day%d", day)
		for _, text := range formList(r, field) {
			span, err := parseSpan(text)
			if err != nil {
				return nil, resonanz.FieldError(field, "%q is not like 09:00-17:00.", text).Keyed("calendar.hours")
			}
			c.Week[day] = append(c.Week[day], span)
		}
	}
	return c, nil
}

// parseSpan reads "09:00-17:00" (24:00 allowed as the end).
func parseSpan(text string) (resonanz.Span, error) {
	from, to, ok := strings.Cut(strings.ReplaceAll(text, " ", ""), "-")
	start, err1 := parseClock(from)
	end, err2 := parseClock(to)
	if !ok || err1 != nil || err2 != nil || end <= start {
		return resonanz.Span{}, fmt.Errorf("bad span %q", text)
	}
	return resonanz.Span{Start: start, End: end}, nil
}

func parseClock(s string) (int, error) {
	var h, m int
	if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return h*60 + m, nil
}

// calendarForm is what the "calendar-form" template shows: one calendar, or an empty one to add.
type calendarForm struct {
	P *page
	V slaView
	C *resonanz.Calendar
}

// spanText writes a day's spans as the calendar form shows them.
func spanText(spans []resonanz.Span) string {
	var parts []string
	for _, sp := range spans {
		parts = append(parts, fmt.Sprintf("%02d:%02d-%02d:%02d", sp.Start/60, sp.Start%60, sp.End/60, sp.End%60))
	}
	return strings.Join(parts, ", ")
}
