package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// uiClient is a logged-in agent's browser without JavaScript.
type uiClient struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// logInUI creates a user and logs in through the login form.
func logInUI(t *testing.T, base string, db *store.DB, login, name string) (*uiClient, *resonanz.User) {
	t.Helper()
	u := &resonanz.User{Login: login, Name: name, Role: resonanz.RoleAgent}
	if err := db.CreateUser(context.Background(), u, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &uiClient{t: t, base: base, http: &http.Client{Jar: jar}}
	_, page := c.get("/login")
	c.csrf = csrfToken(t, page)
	if status, page := c.post("/login", url.Values{"login": {login}, "password": {"correct horse battery"}}); status != http.StatusOK {
		t.Fatalf("login answered %d: %s", status, page)
	}
	_, page = c.get("/")
	c.csrf = csrfToken(t, page)
	return c, u
}

func csrfToken(t *testing.T, page string) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token on the page: %s", page)
	}
	return m[1]
}

func (c *uiClient) get(path string) (int, string) {
	c.t.Helper()
	resp, err := c.http.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	return readPage(c.t, resp)
}

// post sends a form with the session's CSRF token, following redirects.
func (c *uiClient) post(path string, form url.Values) (int, string) {
	c.t.Helper()
	form.Set("csrf", c.csrf)
	resp, err := c.http.PostForm(c.base+path, form)
	if err != nil {
		c.t.Fatal(err)
	}
	return readPage(c.t, resp)
}

func readPage(t *testing.T, resp *http.Response) (int, string) {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func mustContain(t *testing.T, page string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Fatalf("page does not contain %q:\n%s", w, page)
		}
	}
}
