package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/resonanz/resonanz"
)

// handleFormPost takes in what a person sent. What was typed stays in the
// form when something is wrong, so that nobody has to write it twice.
func (s *Server) handleFormPost(w http.ResponseWriter, r *http.Request) {
	v := s.newFormView(r)
	if v.Form == nil {
		s.renderForm(w, http.StatusNotFound, v)
		return
	}
	if problem := parseEntry(w, r); problem != "" {
		v.Error = v.T(problem)
		s.renderForm(w, http.StatusRequestEntityTooLarge, v)
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	v.Entry = resonanz.FormEntry{ID: newEntryID(), Name: r.PostForm.Get("name"), Email: r.PostForm.Get("email"), Text: r.PostForm.Get("text"),
		Consented: r.PostForm.Get("consent") == "1", Kiosk: v.Kiosk, At: s.Now()}
	if wait := s.formRates.get(v.Kiosk).Take(s.clientAddress(r), s.Now()); wait > 0 {
		w.Header().Set("Retry-After", retryAfter(wait))
		v.Error = strings.Replace(v.T("form.err.busy"), "%s", waitText(wait), 1)
		s.renderForm(w, http.StatusTooManyRequests, v)
		return
	}
	if r.PostForm.Get("website") != "" {
		// Answered like a success, so that the bot learns nothing.
		s.Logger.Info("a form's honeypot was filled; nothing stored", "form", v.Form.Slug, "address", s.clientAddress(r))
		http.Redirect(w, r, v.Action+"/thanks"+v.Query, http.StatusSeeOther)
		return
	}
	if r.PostForm.Get("consent_shown") != v.ConsentMark {
		v.Entry.Consented = false
		v.Error, v.Field = v.T("form.err.changed"), "consent"
		s.renderForm(w, http.StatusConflict, v)
		return
	}
	m, err := v.Form.Message(&v.Entry)
	if err == nil && !v.Kiosk {
		m.Attachments, err = formFiles(r)
	}
	var res []resonanz.IngestResult
	if err == nil {
		res, err = s.Messages.Ingest(r.Context(), []resonanz.IncomingMessage{m})
	}
	if err != nil {
		v.Error, v.Field = formError(v, err), resonanz.ErrorField(err)
		s.logInternal(r, err)
		s.renderForm(w, errorStatus(err), v)
		return
	}
	s.confirmEntry(v, res[0])
	http.Redirect(w, r, v.Action+"/thanks"+v.Query, http.StatusSeeOther)
}

// formError words a refusal in the page's language, by the field it is about.
func formError(v *formView, err error) string {
	switch field := resonanz.ErrorField(err); field {
	case "text", "name", "email", "consent", "files":
		if v.Kiosk && field == "email" {
			return v.T("form.err.email.kiosk")
		}
		return v.T("form.err." + field)
	}
	if resonanz.ErrorCode(err) == resonanz.EINVALID {
		return v.T("form.err.check")
	}
	return v.T("form.err.internal")
}

// newEntryID names one entry: random, so that two entries never share an
// external id and a sender cannot guess another's.
func newEntryID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
