package web

import (
	"net/http"
	"strconv"

	"github.com/resonanz/resonanz"
)

// bulkForm is the bulk reply form of the crisis room: the template, and after
// a preview the nonce that makes a repeated submit send nothing twice.
type bulkForm struct {
	Template string
	Nonce    string
	Preview  *resonanz.BulkPreview
	Error    string
}

// Example is the reply of the first recipient, shown in the preview.
func (f *bulkForm) Example() *resonanz.BulkRecipient {
	if f.Preview == nil || len(f.Preview.Recipients) == 0 {
		return nil
	}
	return f.Preview.Recipients[0]
}

func (s *Server) defaultBulkTemplate(r *http.Request) string {
	return s.locale(r).T("bulk.default")
}

func alertID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, resonanz.Errorf(resonanz.ENOTFOUND, "No such alert.").Keyed("alert.unknown")
	}
	return id, nil
}

// handleStatement saves the alert's public statement.
func (s *Server) handleStatement(w http.ResponseWriter, r *http.Request) {
	id, err := alertID(r)
	if err == nil {
		st := resonanz.Statement{Text: r.PostFormValue("statement"), URL: r.PostFormValue("url")}
		err = s.Alerts.SetStatement(r.Context(), id, userFrom(r.Context()), st)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(id, 10)+"#statement", http.StatusSeeOther)
}

// handleBulkPreview shows whom a bulk reply reaches, whom it skips, and an
// example, with a fresh nonce for sending exactly this once.
func (s *Server) handleBulkPreview(w http.ResponseWriter, r *http.Request) {
	id, err := alertID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	form := &bulkForm{Template: r.PostFormValue("template")}
	form.Preview, err = s.Alerts.PreviewBulkReply(r.Context(), id, form.Template)
	if err == nil {
		form.Nonce = newCSRFToken()
	}
	s.renderBulk(w, r, form, err)
}

// handleBulkSend sends the previewed bulk reply and shows its result.
func (s *Server) handleBulkSend(w http.ResponseWriter, r *http.Request) {
	id, err := alertID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	form := &bulkForm{Template: r.PostFormValue("template")}
	br, err := s.Alerts.SendBulkReply(r.Context(), id, userFrom(r.Context()), form.Template, r.PostFormValue("nonce"))
	if err != nil {
		s.renderBulk(w, r, form, err)
		return
	}
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(id, 10)+"?sent="+strconv.FormatInt(br.ID, 10)+"#bulk", http.StatusSeeOther)
}

// renderBulk shows the crisis room with the bulk form; the agent's mistakes
// appear beside the form, other errors as an error page.
func (s *Server) renderBulk(w http.ResponseWriter, r *http.Request, form *bulkForm, err error) {
	status := http.StatusOK
	if code := resonanz.ErrorCode(err); code == resonanz.EINVALID || code == resonanz.ECONFLICT {
		status, form.Error, form.Preview = errorStatus(err), s.locale(r).Error(err), nil
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := s.crisisRoom(r, form)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "crisis", v)
}
