package web_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
)

// Admins manage users in the UI; agents and leads may not. A new user gets
// a one-time password, shown once, and must choose their own before
// anything else; the last admin can be neither demoted nor disabled.
func TestUserManagement(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	admin := loggedIn(t, base, db, "ada", resonanz.RoleAdmin)
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	agent := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	team, _ := db.CreateTeam(ctx, "Lieferung")
	ada, _ := db.FindUserByLogin(ctx, "ada")
	tom, _ := db.FindUserByLogin(ctx, "tom")

	t.Run("OnlyAdmins", func(t *testing.T) {
		for _, who := range []*browserless{lead, agent} {
			for _, try := range []func() (int, string){
				func() (int, string) { return who.get("/settings/users") },
				func() (int, string) {
					return who.post("/settings/users", url.Values{"login": {"x@example.org"}, "role": {"admin"}})
				},
				func() (int, string) {
					return who.post("/settings/users/"+itoa(tom.ID), url.Values{"name": {"x"}, "role": {"admin"}})
				},
				func() (int, string) { return who.post("/settings/users/"+itoa(ada.ID)+"/password", url.Values{}) },
			} {
				if status, _ := try(); status != http.StatusForbidden {
					t.Fatalf("a non-admin got %d, want 403", status)
				}
			}
		}
		if got, _ := db.FindUserByLogin(ctx, "tom"); got.Role != resonanz.RoleAgent {
			t.Fatalf("tom became %s", got.Role)
		}
	})
	t.Run("LeadsReachTheGoodwillLimits", func(t *testing.T) {
		_, body := lead.get("/settings/rules")
		mustContain(t, body, `href="/goodwill/policies" id="nav-goodwill-policies"`)
		if strings.Contains(body, `id="nav-users"`) {
			t.Fatal("a lead is offered the user management")
		}
	})
	var password string
	t.Run("Invite", func(t *testing.T) {
		status, body := admin.post("/settings/users", url.Values{"login": {"nina@example.org"}, "name": {"Nina Neu"}, "role": {"agent"}, "team": {itoa(team.ID)}})
		password = between(body, `<code id="handed-password">`, "</code>")
		if status != http.StatusOK || len(password) < 20 {
			t.Fatalf("invite: %d, password %q", status, password)
		}
		_, again := admin.get("/settings/users")
		if strings.Contains(again, password) {
			t.Fatal("the one-time password shows a second time")
		}
		mustContain(t, again, "Nina Neu", "has not chosen a password yet")
		if status, body := admin.post("/settings/users", url.Values{"login": {"nina@example.org"}, "role": {"agent"}}); status != http.StatusConflict ||
			!strings.Contains(body, `id="form-error"`) || !strings.Contains(body, `value="nina@example.org"`) {
			t.Fatalf("a second nina: %d", status)
		}
	})
	t.Run("OneTimePasswordLeadsToOwnPassword", func(t *testing.T) {
		nina := logInWith(t, base, "nina@example.org", password)
		status, body := nina.get("/")
		if status != http.StatusOK || !strings.Contains(body, `id="password-first"`) {
			t.Fatalf("nina's first page: %d, want the password form", status)
		}
		if status, body := nina.post("/me/password", url.Values{"current": {password}, "password": {"ninas own password"}, "repeat": {"ninas own pasword"}}); status != http.StatusBadRequest ||
			!strings.Contains(body, "differ") {
			t.Fatalf("two different new passwords: %d", status)
		}
		if status, body := nina.post("/me/password", url.Values{"current": {password}, "password": {"ninas own password"}, "repeat": {"ninas own password"}}); status != http.StatusOK ||
			!strings.Contains(body, `id="inbox"`) {
			t.Fatalf("choosing her password: %d", status)
		}
	})
	t.Run("ChangeRoleTeamsAndDisable", func(t *testing.T) {
		_, page := agent.get("/")
		if !strings.Contains(page, `id="inbox"`) {
			t.Fatal("tom is not logged in")
		}
		status, _ := admin.post("/settings/users/"+itoa(tom.ID), url.Values{"name": {"Tom Berger"}, "role": {"lead"}, "team": {itoa(team.ID)}, "disabled": {"1"}})
		if status != http.StatusOK {
			t.Fatalf("change: %d", status)
		}
		got, _ := db.FindUserByLogin(ctx, "tom")
		teams, _ := db.FindTeams(ctx)
		if got.Role != resonanz.RoleLead || !got.Disabled || got.Name != "Tom Berger" || len(teams[0].Members) != 2 {
			t.Fatalf("tom is %+v, team members %v", got, teams[0].Members)
		}
		if _, body := agent.get("/"); !strings.Contains(body, `id="login"`) {
			t.Fatal("disabled tom is still logged in")
		}
	})
	t.Run("ErrLastAdmin", func(t *testing.T) {
		status, body := admin.post("/settings/users/"+itoa(ada.ID), url.Values{"name": {"ada"}, "role": {"lead"}})
		if status != http.StatusConflict || !strings.Contains(body, "last admin") {
			t.Fatalf("demoting the last admin: %d", status)
		}
		status, _ = admin.post("/settings/users/"+itoa(ada.ID), url.Values{"name": {"ada"}, "role": {"admin"}, "disabled": {"1"}})
		if got, _ := db.FindUserByLogin(ctx, "ada"); status != http.StatusConflict || got.Disabled || got.Role != resonanz.RoleAdmin {
			t.Fatalf("disabling the last admin: %d, ada is %+v", status, got)
		}
	})
	t.Run("ResetPassword", func(t *testing.T) {
		nina, _ := db.FindUserByLogin(ctx, "nina@example.org")
		status, body := admin.post("/settings/users/"+itoa(nina.ID)+"/password", url.Values{})
		fresh := between(body, `<code id="handed-password">`, "</code>")
		if status != http.StatusOK || fresh == "" || fresh == password {
			t.Fatalf("reset: %d, %q", status, fresh)
		}
		if _, err := db.Authenticate(ctx, "nina@example.org", "ninas own password"); err == nil {
			t.Fatal("the old password still works")
		}
	})
}

// logInWith logs in through the login form with the given password.
func logInWith(t *testing.T, base, login, password string) *browserless {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &browserless{t: t, base: base, client: &http.Client{Jar: jar}}
	_, page := b.get("/login")
	b.csrf = csrfIn(t, page)
	_, page = b.post("/login", url.Values{"login": {login}, "password": {password}})
	b.csrf = csrfIn(t, page)
	return b
}
