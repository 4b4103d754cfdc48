package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// promiseForm is the form that records a promise: what was typed, and what
// was wrong with it when it comes back.
type promiseForm struct {
	Text, Due string
	Owner     int64
	Error     string
	Field     string // the field the error is about
}

// goodwillForm is the form that grants goodwill, as typed.
type goodwillForm struct {
	Kind, Amount, Reason string
	Error, Field         string
}

// rowProblem is what went wrong with the form of one promise or grant in a
// list (break, hand over, decide), with what was typed there.
type rowProblem struct {
	Promise, Grant int64  // the row
	Action         string // break, handover, keep or decide
	Note           string // the reason or note typed
	To             int64  // whom a promise was to be handed to
	Error          string
	err            error // for the error page, should the page not show the row
}

// For tells the row templates whether the problem belongs to their form.
func (p *rowProblem) For(kind string, id int64, action string) bool {
	if p == nil || p.Action != action {
		return false
	}
	return kind == "promise" && p.Promise == id || kind == "grant" && p.Grant == id
}

// rowForms is part of every view that lists promises or grants: the problem
// of one row's form, if a form came back.
type rowForms struct{ Problem *rowProblem }

func (f rowForms) rowProblem() *rowProblem { return f.Problem }

// missing reports a problem whose row is not among the promises and grants
// a page shows; the problem then goes to an error page instead.
func (f rowForms) missing(promises []*resonanz.Promise, grants []*resonanz.GoodwillGrant) bool {
	p := f.Problem
	if p == nil {
		return false
	}
	for _, pr := range promises {
		if p.Promise != 0 && pr.ID == p.Promise {
			return false
		}
	}
	for _, g := range grants {
		if p.Grant != 0 && g.ID == p.Grant {
			return false
		}
	}
	return true
}

// rowProblemOf returns the problem of the view of a page, if it has one.
func rowProblemOf(data any) *rowProblem {
	if v, ok := data.(interface{ rowProblem() *rowProblem }); ok {
		return v.rowProblem()
	}
	return nil
}

// inline reports whether an error is about what was typed, and so is shown
// beside the form with the input kept rather than on an error page.
func inline(err error) bool {
	switch resonanz.ErrorCode(err) {
	case resonanz.EINVALID, resonanz.ECONFLICT, resonanz.EFORBIDDEN:
		return true
	}
	return false
}

// asPage returns r as if it had asked for path: a page shown again after a
// form keeps its own address in its links and forms.
func asPage(r *http.Request, path string) *http.Request {
	u, err := url.Parse(path)
	if err != nil {
		u = &url.URL{Path: "/"}
	}
	r2 := r.Clone(r.Context())
	r2.URL, r2.RequestURI = u, u.RequestURI()
	return r2
}

// showRowProblem shows the page a row's form came from (back, else
// fallback) again, with the problem beside the row and what was typed kept;
// errors not about the input get an error page.
func (s *Server) showRowProblem(w http.ResponseWriter, r *http.Request, p *rowProblem, err error, fallback string) {
	if !inline(err) {
		s.pageError(w, r, err)
		return
	}
	p.Error, p.err = s.locale(r).Error(err), err
	back := localPath(r.PostFormValue("back"), fallback)
	page := asPage(r, back)
	status := errorStatus(err)
	switch path := page.URL.Path; {
	case path == "/promises":
		s.renderPromises(w, page, status, rowForms{p})
	case path == "/goodwill" && isLead(userFrom(r.Context())):
		s.renderGoodwill(w, page, status, rowForms{p})
	case strings.HasPrefix(path, "/conversations/"):
		id, perr := strconv.ParseInt(strings.TrimPrefix(path, "/conversations/"), 10, 64)
		if perr != nil {
			s.pageError(w, r, err)
			return
		}
		s.renderConversation(w, page, id, status, caseForms{rowForms: rowForms{p}})
	default:
		s.pageError(w, r, err)
	}
}
