package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

type promisesView struct {
	rowForms
	Scope    string   // mine, team or all
	Scopes   []string // the scopes this user may choose
	Promises []*resonanz.Promise
	Users    []*resonanz.User
}

// handlePromises lists open promises by due time: the user's own, their
// teams', or (for leads and admins) all.
func (s *Server) handlePromises(w http.ResponseWriter, r *http.Request) {
	s.renderPromises(w, r, http.StatusOK, rowForms{})
}

// renderPromises shows the promises page of r's scope, with one row's form as given.
func (s *Server) renderPromises(w http.ResponseWriter, r *http.Request, status int, forms rowForms) {
	me := userFrom(r.Context())
	v := promisesView{rowForms: forms, Scope: r.URL.Query().Get("scope"), Scopes: []string{"mine", "team"}}
	if isLead(me) {
		v.Scopes = append(v.Scopes, "all")
	}
	f := resonanz.PromiseFilter{State: resonanz.PromiseOpen}
	switch v.Scope {
	case "team":
		f.TeamsOf = me.ID
	case "all":
		if !isLead(me) {
			s.pageError(w, r, resonanz.Errorf(resonanz.EFORBIDDEN, "Only leads and admins see everyone's promises; choose yours or your team's.").Keyed("promises.all"))
			return
		}
	default:
		v.Scope, f.OwnerID = "mine", me.ID
	}
	var err error
	if v.Promises, err = s.Promises.FindPromises(r.Context(), f); err != nil {
		s.pageError(w, r, err)
		return
	}
	if v.Users, err = s.Users.FindUsers(r.Context()); err != nil {
		s.pageError(w, r, err)
		return
	}
	if forms.missing(v.Promises, nil) {
		s.pageError(w, r, forms.Problem.err)
		return
	}
	s.render(w, r, status, "promises", v)
}

func (s *Server) handleAddPromise(w http.ResponseWriter, r *http.Request) {
	form := promiseForm{Text: r.PostFormValue("text"), Due: r.PostFormValue("due")}
	form.Owner, _ = strconv.ParseInt(r.PostFormValue("owner"), 10, 64)
	kept := func(problem, field string) caseForms {
		form.Error, form.Field = problem, field
		return caseForms{Promise: form}
	}
	s.changeFollowup(w, r, func(id int64) error {
		due, err := parseDue(r.PostFormValue("due"), s.zoneOf(userFrom(r.Context())), time.Now())
		if err != nil {
			return err
		}
		p := &resonanz.Promise{ConversationID: id, Text: r.PostFormValue("text"), DueAt: due, OwnerID: userFrom(r.Context()).ID}
		if r.PostFormValue("owner") != "" {
			if p.OwnerID, err = formID(r, "owner", resonanz.FieldError("owner", "Choose who owns the promise.").Keyed("promise.owner.missing")); err != nil {
				return err
			}
		}
		return s.Promises.AddPromise(r.Context(), p, userFrom(r.Context()))
	}, kept)
}

func (s *Server) handleKeepPromise(w http.ResponseWriter, r *http.Request) {
	s.changePromise(w, r, &rowProblem{Action: "keep"}, func(id int64) error {
		return s.Promises.KeepPromise(r.Context(), id, userFrom(r.Context()))
	})
}

func (s *Server) handleBreakPromise(w http.ResponseWriter, r *http.Request) {
	reason := r.PostFormValue("reason")
	s.changePromise(w, r, &rowProblem{Action: "break", Note: reason}, func(id int64) error {
		return s.Promises.BreakPromise(r.Context(), id, userFrom(r.Context()), reason)
	})
}

func (s *Server) handleHandOverPromise(w http.ResponseWriter, r *http.Request) {
	p := &rowProblem{Action: "handover", Note: r.PostFormValue("note")}
	p.To, _ = strconv.ParseInt(r.PostFormValue("to"), 10, 64)
	s.changePromise(w, r, p, func(id int64) error {
		to, err := formID(r, "to", resonanz.FieldError("to", "Choose who takes the promise over.").Keyed("promise.to.missing"))
		if err != nil {
			return err
		}
		return s.Promises.HandOverPromise(r.Context(), id, userFrom(r.Context()), to, p.Note)
	})
}

// changePromise runs a change of one promise and returns to the page its
// form was on; a problem shows that page again with the problem at the
// promise and what was typed kept.
func (s *Server) changePromise(w http.ResponseWriter, r *http.Request, p *rowProblem, change func(id int64) error) {
	id, err := s.visibleByPath(r, resonanz.Errorf(resonanz.ENOTFOUND, "No such promise.").Keyed("promise.unknown"), s.promiseConversation)
	if err == nil {
		p.Promise = id
		err = change(id)
	}
	if err != nil {
		s.showRowProblem(w, r, p, err, "/promises")
		return
	}
	backTo(w, r, "/promises")
}

// promiseConversation returns the conversation a promise belongs to.
func (s *Server) promiseConversation(ctx context.Context, id int64) (int64, error) {
	p, err := s.Promises.FindPromise(ctx, id)
	if err != nil {
		return 0, err
	}
	return p.ConversationID, nil
}
