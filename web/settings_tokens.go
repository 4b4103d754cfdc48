package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// dateLayout is the value format of <input type="date">.
const dateLayout = "2006-01-02"

func (s *Server) tokenRoutes() {
	s.mux.HandleFunc("GET /settings/tokens", s.requireUser(s.requireAdmin(s.handleTokens)))
	s.mux.HandleFunc("POST /settings/tokens", s.requireUser(s.requireAdmin(s.handleIssueToken)))
	s.mux.HandleFunc("POST /settings/tokens/{id}/revoke", s.requireUser(s.requireAdmin(s.handleRevokeToken)))
}

type tokensView struct {
	Tokens []*resonanz.APIToken
	Scopes []string
	Now    time.Time
	// Issued is the token just issued; its secret is shown this once.
	Issued *resonanz.APIToken
	Secret string
	Error  string
}

func (s *Server) handleTokens(w http.ResponseWriter, r *http.Request) {
	s.renderTokens(w, r, http.StatusOK, tokensView{})
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, v tokensView) {
	var err error
	if v.Tokens, err = s.Users.FindAPITokens(r.Context()); err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Scopes, v.Now = resonanz.Scopes, s.Now()
	s.render(w, r, status, "tokens", v)
}

// handleIssueToken issues a token and shows its secret once, on the answer
// to the form: no redirect, so the secret is never in a URL or a later page.
func (s *Server) handleIssueToken(w http.ResponseWriter, r *http.Request) {
	t := &resonanz.APIToken{Name: r.PostFormValue("name"), Scopes: formValues(r, "scope", resonanz.Scopes)}
	expires, err := s.expiryFromForm(r)
	var secret string
	if err == nil {
		t.ExpiresAt = expires
		secret, err = s.Users.IssueAPIToken(r.Context(), t)
	}
	if resonanz.ErrorCode(err) == resonanz.EINTERNAL {
		s.pageError(w, r, err)
		return
	} else if err != nil {
		s.renderTokens(w, r, errorStatus(err), tokensView{Error: resonanz.ErrorMessage(err)})
		return
	}
	s.renderTokens(w, r, http.StatusCreated, tokensView{Issued: t, Secret: secret})
}

// expiryFromForm reads the optional last day a token works, in the server's
// time zone; the token ends when that day does.
func (s *Server) expiryFromForm(r *http.Request) (time.Time, error) {
	v := strings.TrimSpace(r.PostFormValue("expires"))
	if v == "" {
		return time.Time{}, nil
	}
	day, err := time.ParseInLocation(dateLayout, v, s.Location)
	if err != nil {
		return time.Time{}, resonanz.FieldError("expires", "Enter the last day the token works as a date, not %q.", v)
	}
	return day.AddDate(0, 0, 1), nil
}

func (s *Server) handleRevokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Users.RevokeAPIToken(r.Context(), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/tokens", http.StatusSeeOther)
}
