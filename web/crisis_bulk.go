package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// bulkForm is the bulk reply form of the crisis room: the variants, the
// manager's choices of whom to leave out and whom to quote, and after a
// preview the nonce that makes a repeated submit send nothing twice.
type bulkForm struct {
	Draft   resonanz.BulkDraft
	Nonce   string
	Preview *resonanz.BulkPreview
	Error   string
}

// Variants are the variants in the order the form shows them, with their texts.
func (f *bulkForm) Variants() []bulkVariant {
	var list []bulkVariant
	for _, v := range resonanz.BulkVariants {
		list = append(list, bulkVariant{Name: v, Text: f.Draft.Templates[v]})
	}
	return list
}

// bulkVariant is one text field of the form.
type bulkVariant struct{ Name, Text string }

// defaultBulkDraft fills each variant with the catalogue's text in the
// customer's language, whatever language the manager reads.
func (s *Server) defaultBulkDraft() resonanz.BulkDraft {
	return resonanz.BulkDraft{Templates: map[string]string{
		resonanz.VariantSie:     s.texts["de"]["bulk.default"],
		resonanz.VariantDu:      s.texts["de"]["bulk.default.du"],
		resonanz.VariantEnglish: s.texts["en"]["bulk.default"],
	}}
}

// bulkDraft reads the form: the variants, and of the customers listed in
// the preview those unchecked (left out) and those whose words to quote.
func bulkDraft(r *http.Request) resonanz.BulkDraft {
	d := resonanz.BulkDraft{Templates: map[string]string{}}
	for _, v := range resonanz.BulkVariants {
		d.Templates[v] = strings.ReplaceAll(r.PostFormValue("template-"+v), "\r\n", "\n") // as browsers send a textarea
	}
	to := ids(r.PostForm["to"])
	for _, id := range ids(r.PostForm["listed"]) {
		if !slices.Contains(to, id) {
			d.Removed = append(d.Removed, id)
		}
	}
	d.Quoted = ids(r.PostForm["quote"])
	return d
}

// ids reads form values as ids, skipping what is none.
func ids(values []string) []int64 {
	var list []int64
	for _, v := range values {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			list = append(list, id)
		}
	}
	return list
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
		st := resonanz.Statement{Text: r.PostFormValue("statement"), URL: r.PostFormValue("url"), Public: r.PostFormValue("public") == "on"}
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
	form := &bulkForm{Draft: bulkDraft(r)}
	form.Preview, err = s.Alerts.PreviewBulkReply(r.Context(), id, form.Draft)
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
	form := &bulkForm{Draft: bulkDraft(r)}
	br, err := s.Alerts.SendBulkReply(r.Context(), id, userFrom(r.Context()), form.Draft, r.PostFormValue("nonce"))
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

// bulkRow is one customer of the room in the bulk reply's preview.
type bulkRow struct {
	Page      *page
	Recipient *resonanz.BulkRecipient
}
