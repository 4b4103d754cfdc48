package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/web"
)

// loginAttempt is one try at the login form, as a browser in lang sends it.
type loginAttempt struct {
	status     int
	retryAfter string
	body       string
}

func tryLogin(t *testing.T, base, lang, login, password string) loginAttempt {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get, _ := http.NewRequest("GET", base+"/login", nil)
	get.Header.Set("Accept-Language", lang)
	resp, err := client.Do(get)
	if err != nil {
		t.Fatal(err)
	}
	_, page := readPage(t, resp)
	form := url.Values{"csrf": {csrfToken(t, page)}, "login": {login}, "password": {password}}
	post, _ := http.NewRequest("POST", base+"/login", strings.NewReader(form.Encode()))
	post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	post.Header.Set("Accept-Language", lang)
	if resp, err = client.Do(post); err != nil {
		t.Fatal(err)
	}
	status, body := readPage(t, resp)
	return loginAttempt{status: status, retryAfter: resp.Header.Get("Retry-After"), body: body}
}

// stoppedClock makes the server's time stand still, so that no wait runs out during a test.
func stoppedClock(s *web.Server) {
	now := time.Now()
	s.Now = func() time.Time { return now }
}

func addUser(t *testing.T, db *store.DB, login, role string) *resonanz.User {
	t.Helper()
	u := &resonanz.User{Login: login, Name: login, Role: role}
	if err := db.CreateUser(context.Background(), u, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	return u
}

func notices(t *testing.T, db *store.DB, u *resonanz.User, kind string) []*resonanz.Notification {
	t.Helper()
	list, err := db.FindNotifications(context.Background(), u.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	var of []*resonanz.Notification
	for _, n := range list {
		if n.Kind == kind {
			of = append(of, n)
		}
	}
	return of
}

// Guessing an account's password is slowed down after five failures: even
// the right password then waits, the browser reads why in its language, and
// the admins hear of it once.
func TestLoginGuessingPerAccount(t *testing.T) {
	base, db, _ := newTestServer(t, stoppedClock)
	ada := addUser(t, db, "ada", resonanz.RoleAdmin)
	addUser(t, db, "ann", resonanz.RoleAgent)
	for i := range 5 {
		if a := tryLogin(t, base, "en", "ann", fmt.Sprint("guess-", i)); a.status != http.StatusUnauthorized {
			t.Fatalf("guess %d answered %d", i, a.status)
		}
	}
	a := tryLogin(t, base, "en", " ANN ", "correct horse battery")
	wantPage(t, a.status, a.body, http.StatusTooManyRequests, "Too many failed attempts. Please try again in 1 s.")
	if a.retryAfter != "1" {
		t.Fatalf("Retry-After %q, want 1", a.retryAfter)
	}
	a = tryLogin(t, base, "de", "ann", "guess")
	wantPage(t, a.status, a.body, http.StatusTooManyRequests, "Zu viele Fehlversuche.")
	alarms := notices(t, db, ada, "login.throttled.account")
	if len(alarms) != 1 || alarms[0].Params["login"] != "ann" {
		t.Fatalf("the admin was told %+v, want one notice about ann", alarms)
	}
	if a := tryLogin(t, base, "en", "ada", "correct horse battery"); a.status != http.StatusSeeOther {
		t.Fatalf("another account from the same address answered %d", a.status)
	}
	token, _, err := db.CreateSession(context.Background(), ada.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	admin := &session{t: t, base: base, token: token}
	_, page := admin.get("/notifications")
	if !strings.Contains(page, "Someone keeps entering wrong passwords for the login “ann”") {
		t.Fatalf("the notifications page does not explain the notice:\n%s", page)
	}
}

// One address guessing at many accounts is slowed down after twenty failures.
func TestLoginGuessingPerAddress(t *testing.T) {
	base, db, _ := newTestServer(t, stoppedClock)
	ada := addUser(t, db, "ada", resonanz.RoleAdmin)
	for i := range 20 {
		if a := tryLogin(t, base, "en", fmt.Sprint("user", i), "guess"); a.status != http.StatusUnauthorized {
			t.Fatalf("guess %d answered %d", i, a.status)
		}
	}
	a := tryLogin(t, base, "en", "ada", "correct horse battery")
	if a.status != http.StatusTooManyRequests || a.retryAfter == "" {
		t.Fatalf("the 21st try from one address answered %d (Retry-After %q)", a.status, a.retryAfter)
	}
	if alarms := notices(t, db, ada, "login.throttled.address"); len(alarms) != 1 || alarms[0].Params["address"] != "127.0.0.1" {
		t.Fatalf("the admin was told %+v, want one notice about 127.0.0.1", alarms)
	}
}
