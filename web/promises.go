package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

type promisesView struct {
	Scope    string   // mine, team or all
	Scopes   []string // the scopes this user may choose
	Promises []*resonanz.Promise
	Users    []*resonanz.User
}

// handlePromises lists open promises by due time: the user's own, their
// teams', or (for leads and admins) all.
func (s *Server) handlePromises(w http.ResponseWriter, r *http.Request) {
	me := userFrom(r.Context())
	v := promisesView{Scope: r.URL.Query().Get("scope"), Scopes: []string{"mine", "team"}}
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
	s.render(w, r, http.StatusOK, "promises", v)
}

func (s *Server) handleAddPromise(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
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
	})
}

func (s *Server) handleKeepPromise(w http.ResponseWriter, r *http.Request) {
	s.changePromise(w, r, func(id int64) error {
		return s.Promises.KeepPromise(r.Context(), id, userFrom(r.Context()))
	})
}

func (s *Server) handleBreakPromise(w http.ResponseWriter, r *http.Request) {
	s.changePromise(w, r, func(id int64) error {
		return s.Promises.BreakPromise(r.Context(), id, userFrom(r.Context()), r.PostFormValue("reason"))
	})
}

func (s *Server) handleHandOverPromise(w http.ResponseWriter, r *http.Request) {
	s.changePromise(w, r, func(id int64) error {
		to, err := formID(r, "to", resonanz.FieldError("to", "Choose who takes the promise over.").Keyed("promise.to.missing"))
		if err != nil {
			return err
		}
		return s.Promises.HandOverPromise(r.Context(), id, userFrom(r.Context()), to, r.PostFormValue("note"))
	})
}

// changePromise runs a change and returns to the page the form was on.
func (s *Server) changePromise(w http.ResponseWriter, r *http.Request, change func(id int64) error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		err = resonanz.Errorf(resonanz.ENOTFOUND, "No such promise.").Keyed("promise.unknown")
	} else {
		err = change(id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	backTo(w, r, "/promises")
}
