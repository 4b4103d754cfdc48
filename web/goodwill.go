package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

type goodwillView struct {
	rowForms
	Report  *resonanz.GoodwillReport
	Pending []*resonanz.GoodwillGrant
	Recent  []*resonanz.GoodwillGrant
	Months  int
}

// handleGoodwillReport sums the goodwill granted per month and kind and per
// reason over the last months, and lists the requests waiting for approval.
func (s *Server) handleGoodwillReport(w http.ResponseWriter, r *http.Request) {
	s.renderGoodwill(w, r, http.StatusOK, rowForms{})
}

// renderGoodwill shows the goodwill page, with one row's form as given.
func (s *Server) renderGoodwill(w http.ResponseWriter, r *http.Request, status int, forms rowForms) {
	v := goodwillView{rowForms: forms, Months: 12}
	if n, err := strconv.Atoi(r.URL.Query().Get("months")); err == nil && n >= 1 && n <= 120 {
		v.Months = n
	}
	now := time.Now().In(s.Location)
	since := time.Date(now.Year(), now.Month()-time.Month(v.Months-1), 1, 0, 0, 0, 0, s.Location)
	grants, err := s.Goodwill.FindGoodwillGrants(r.Context(), resonanz.GoodwillFilter{Since: since, Limit: 100000})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if v.Pending, err = s.Goodwill.FindGoodwillGrants(r.Context(), resonanz.GoodwillFilter{State: resonanz.GoodwillPending}); err != nil {
		s.pageError(w, r, err)
		return
	}
	if forms.missing(nil, v.Pending) {
		s.pageError(w, r, forms.Problem.err)
		return
	}
	v.Report = resonanz.SummarizeGoodwill(grants, s.Location)
	v.Recent = grants[:min(len(grants), 50)]
	s.render(w, r, status, "goodwill", v)
}

// handleGrantGoodwill grants goodwill, or asks for approval above the limits.
func (s *Server) handleGrantGoodwill(w http.ResponseWriter, r *http.Request) {
	form := goodwillForm{Kind: r.PostFormValue("kind"), Amount: r.PostFormValue("amount"), Reason: r.PostFormValue("reason")}
	kept := func(problem, field string) caseForms {
		form.Error, form.Field = problem, field
		return caseForms{Goodwill: form}
	}
	s.changeFollowup(w, r, func(id int64) error {
		amount, err := resonanz.ParseEuros("amount", r.PostFormValue("amount"))
		if err != nil {
			return err
		}
		g := &resonanz.GoodwillGrant{ConversationID: id, Kind: r.PostFormValue("kind"), Amount: amount, Reason: r.PostFormValue("reason")}
		return s.Goodwill.GrantGoodwill(r.Context(), g, userFrom(r.Context()))
	}, kept)
}

// handleDecideGoodwill approves (decision=approve) or rejects a pending request.
func (s *Server) handleDecideGoodwill(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.pageError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No such goodwill request.").Keyed("goodwill.unknown"))
		return
	}
	problem := &rowProblem{Grant: id, Action: "decide", Note: r.PostFormValue("note")}
	var approve bool
	switch r.PostFormValue("decision") {
	case "approve":
		approve = true
	case "reject":
	default:
		s.showRowProblem(w, r, problem, resonanz.FieldError("decision", "Approve or reject the request.").Keyed("goodwill.decision"), "/goodwill")
		return
	}
	if err := s.Goodwill.DecideGoodwill(r.Context(), id, userFrom(r.Context()), approve, problem.Note); err != nil {
		s.showRowProblem(w, r, problem, err, "/goodwill")
		return
	}
	backTo(w, r, "/goodwill")
}

// handleGoodwillPolicies shows the limits of every kind of goodwill for editing.
func (s *Server) handleGoodwillPolicies(w http.ResponseWriter, r *http.Request) {
	policies, err := s.Goodwill.FindGoodwillPolicies(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "goodwill_policies", policies)
}

// handleSaveGoodwillPolicy saves the limits of one kind; amounts are entered in euros.
func (s *Server) handleSaveGoodwillPolicy(w http.ResponseWriter, r *http.Request) {
	p := &resonanz.GoodwillPolicy{Kind: r.PostFormValue("kind")}
	var err error
	for _, f := range []struct {
		name string
		into *int64
	}{{"agent_limit", &p.AgentLimit}, {"lead_limit", &p.LeadLimit}, {"customer_total", &p.CustomerTotal}} {
		if *f.into, err = resonanz.ParseEuros(f.name, r.PostFormValue(f.name)); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	if p.PeriodDays, err = strconv.Atoi(r.PostFormValue("period_days")); err != nil {
		s.pageError(w, r, resonanz.FieldError("period_days", "Enter the period in days.").Keyed("goodwill.period.missing"))
		return
	}
	if err := s.Goodwill.SaveGoodwillPolicy(r.Context(), p, userFrom(r.Context())); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/goodwill/policies", http.StatusSeeOther)
}
