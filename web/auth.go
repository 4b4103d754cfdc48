package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

const (
	sessionCookie = "resonanz_session"
	loginCSRF     = "resonanz_login_csrf"
	sessionTTL    = 12 * time.Hour
	maxFormBytes  = 1 << 20 // UI forms carry at most a reply or a note
	maxLoginBytes = 4 << 10 // a login and a password
)

type ctxKey int

const (
	userKey ctxKey = iota
	csrfKey
)

// userFrom returns the logged-in user of a request that passed requireUser.
func userFrom(ctx context.Context) *resonanz.User {
	u, _ := ctx.Value(userKey).(*resonanz.User)
	return u
}

func csrfFrom(ctx context.Context) string {
	s, _ := ctx.Value(csrfKey).(string)
	return s
}

// requireUser lets only logged-in users through, and only with the session's
// CSRF token on anything that changes state.
func (s *Server) requireUser(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		u, csrf, err := s.Users.FindSession(r.Context(), c.Value)
		if resonanz.ErrorCode(err) == resonanz.EUNAUTHORIZED {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		} else if err != nil {
			s.pageError(w, r, err)
			return
		}
		// What a logged-in user sees is for them alone: no cache keeps it.
		w.Header().Set("Cache-Control", "no-store")
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if r.Method != http.MethodGet && !sameSecret(r.PostFormValue("csrf"), csrf) {
			s.pageError(w, r, resonanz.Errorf(resonanz.EFORBIDDEN, "The form has expired. Please reload the page and try again.").Keyed("form.expired"))
			return
		}
		if mustChangePassword(u, r) {
			http.Redirect(w, r, passwordPath, http.StatusSeeOther)
			return
		}
		ctx := context.WithValue(context.WithValue(r.Context(), userKey, u), csrfKey, csrf)
		next(w, r.WithContext(ctx))
	}
}

// requireToken lets only API clients through whose bearer token works and has the scope.
func (s *Server) requireToken(scope string, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			s.jsonError(w, r, resonanz.Errorf(resonanz.EUNAUTHORIZED, "Send an API token as 'Authorization: Bearer <token>'."))
			return
		}
		if _, err := s.Users.CheckAPIToken(r.Context(), token, scope); err != nil {
			s.jsonError(w, r, err)
			return
		}
		next(w, r)
	}
}

// requireAdmin lets only admins through; use it inside requireUser.
func (s *Server) requireAdmin(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if u := userFrom(r.Context()); u == nil || u.Role != resonanz.RoleAdmin {
			s.pageError(w, r, resonanz.Errorf(resonanz.EFORBIDDEN, "Only admins may open this page."))
			return
		}
		next(w, r)
	}
}

func sameSecret(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// setCookie sets a cookie for the whole site, Secure when the browser reached us over HTTPS.
func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.viaHTTPS(r), MaxAge: int(maxAge.Seconds())})
}

// handleLoginPage shows the login form with a CSRF token bound to a cookie.
func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	token := newCSRFToken()
	s.setCookie(w, r, loginCSRF, token, time.Hour)
	s.render(w, r, http.StatusOK, "login", loginView{CSRF: token})
}

type loginView struct {
	CSRF, Login string
	Failed      bool
	Wait        string // how long to wait after too many failures
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBytes)
	c, err := r.Cookie(loginCSRF)
	if err != nil || !sameSecret(r.PostFormValue("csrf"), c.Value) {
		s.pageError(w, r, resonanz.Errorf(resonanz.EFORBIDDEN, "The form has expired. Please reload the page and try again.").Keyed("form.expired"))
		return
	}
	login := r.PostFormValue("login")
	account, address, now := loginKey(login), s.clientAddress(r), s.Now()
	if wait := s.logins.try(account, address, now); wait > 0 {
		w.Header().Set("Retry-After", retryAfter(wait))
		s.render(w, r, http.StatusTooManyRequests, "login", loginView{CSRF: c.Value, Login: login, Wait: waitText(wait)})
		return
	}
	u, err := s.Users.Authenticate(r.Context(), login, r.PostFormValue("password"))
	if resonanz.ErrorCode(err) == resonanz.EUNAUTHORIZED {
		s.alarmAdmins(r, account, address, now)
		s.render(w, r, http.StatusUnauthorized, "login", loginView{CSRF: c.Value, Login: login, Failed: true})
		return
	} else if err != nil {
		s.logins.undo(account, address)
		s.pageError(w, r, err)
		return
	}
	s.logins.succeeded(account, address)
	token, _, err := s.Users.CreateSession(r.Context(), u.ID, sessionTTL)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.setCookie(w, r, sessionCookie, token, sessionTTL)
	s.setCookie(w, r, loginCSRF, "", -1)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.Users.DeleteSession(r.Context(), c.Value); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func newCSRFToken() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
