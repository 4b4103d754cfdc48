package web

import (
	"net/http"
	"strconv"
	"time"
	_ "time/tzdata" // due times are read in Europe/Berlin even where the system has no zone files

	"github.com/resonanz/resonanz"
)

// berlin is the default time zone of due times.
var berlin, _ = time.LoadLocation("Europe/Berlin")

// dueLayout is the value format of <input type="datetime-local">.
const dueLayout = "2006-01-02T15:04"

func (s *Server) followupRoutes() {
	s.mux.HandleFunc("GET /promises", s.requireUser(s.handlePromises))
	s.mux.HandleFunc("POST /conversations/{id}/promises", s.requireUser(s.handleAddPromise))
	s.mux.HandleFunc("POST /promises/{id}/keep", s.requireUser(s.handleKeepPromise))
	s.mux.HandleFunc("POST /promises/{id}/break", s.requireUser(s.handleBreakPromise))
	s.mux.HandleFunc("POST /promises/{id}/handover", s.requireUser(s.handleHandOverPromise))
	s.mux.HandleFunc("POST /conversations/{id}/goodwill", s.requireUser(s.handleGrantGoodwill))
	s.mux.HandleFunc("POST /goodwill/{id}/decide", s.requireUser(s.handleDecideGoodwill))
	s.mux.HandleFunc("GET /goodwill", s.requireUser(s.requireLead(s.handleGoodwillReport)))
	s.mux.HandleFunc("GET /goodwill/policies", s.requireUser(s.requireLead(s.handleGoodwillPolicies)))
	s.mux.HandleFunc("POST /goodwill/policies", s.requireUser(s.requireLead(s.handleSaveGoodwillPolicy)))
}

// promiseRow is what the "promise" template shows: one promise and the forms to change it.
type promiseRow struct {
	P        *page
	Promise  *resonanz.Promise
	Users    []*resonanz.User // who it can be handed over to
	Back     string           // where the forms return to
	ShowCase bool             // link the conversation (on the promises page)
	Problem  *rowProblem      // a form of this page that came back with a problem
}

// grantRow is what the "grant" template shows: one grant and, for approvers, the decision form.
type grantRow struct {
	P       *page
	Grant   *resonanz.GoodwillGrant
	Back    string
	Problem *rowProblem
}

// requireLead lets only leads and admins through; agents learn why not.
func (s *Server) requireLead(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !isLead(userFrom(r.Context())) {
			s.pageError(w, r, resonanz.Errorf(resonanz.EFORBIDDEN, "Only leads and admins may open this page.").Keyed("page.leads"))
			return
		}
		next(w, r)
	}
}

func isLead(u *resonanz.User) bool {
	return u != nil && (u.Role == resonanz.RoleLead || u.Role == resonanz.RoleAdmin)
}

// IsLead tells templates whether the user may see lead tools.
func (p *page) IsLead() bool { return isLead(p.User) }

// Euros shows cents as euros.
func (p *page) Euros(cents int64) string { return resonanz.FormatEuros(cents) }

// EurosInput writes cents as the value of an amount field.
func (p *page) EurosInput(cents int64) string {
	return strconv.FormatInt(cents/100, 10) + "," + strconv.FormatInt(cents%100/10, 10) + strconv.FormatInt(cents%10, 10)
}

// Overdue reports whether an open promise is past due now.
func (p *page) Overdue(pr *resonanz.Promise) bool { return pr.Overdue(time.Now()) }

// parseDue reads a datetime-local value in loc; due times in the past are refused.
func parseDue(value string, loc *time.Location, now time.Time) (time.Time, error) {
	t, err := time.ParseInLocation(dueLayout, value, loc)
	if err != nil {
		return time.Time{}, resonanz.FieldError("due", "Enter the due date and time.").Keyed("promise.due.missing")
	}
	if t.Before(now.Add(-time.Minute)) {
		return time.Time{}, resonanz.FieldError("due", "The due time %s has passed already.", t.Format("02.01.2006 15:04")).Keyed("promise.due.past")
	}
	return t, nil
}

// formID reads a user or record id from a form field; missing is the error when there is none.
func formID(r *http.Request, field string, missing error) (int64, error) {
	id, err := strconv.ParseInt(r.PostFormValue(field), 10, 64)
	if err != nil || id <= 0 {
		return 0, missing
	}
	return id, nil
}
