package web_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/web"
)

func trustLoopback(s *web.Server) {
	s.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
}

// getWith sends a GET with extra headers, without following redirects.
func getWith(t *testing.T, url string, header ...string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// Behind a TLS proxy, cookies are Secure and browsers are told to stay on
// HTTPS, but only when a trusted proxy says the browser used HTTPS.
func TestBehindTLSProxy(t *testing.T) {
	for _, tc := range []struct {
		name    string
		trust   bool
		header  []string
		secured bool
	}{
		{"PlainHTTP", false, nil, false},
		{"ErrUntrustedClaimsHTTPS", false, []string{"X-Forwarded-Proto", "https"}, false},
		{"TrustedProxyHTTPS", true, []string{"X-Forwarded-Proto", "https"}, true},
		{"TrustedProxyHTTP", true, []string{"X-Forwarded-Proto", "http"}, false},
		{"TrustedProxyWithoutHeader", true, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var options []func(*web.Server)
			if tc.trust {
				options = append(options, trustLoopback)
			}
			base, _, _ := newTestServer(t, options...)
			resp := getWith(t, base+"/login", tc.header...)
			cookies := resp.Cookies()
			if len(cookies) == 0 {
				t.Fatal("the login page set no cookie")
			}
			for _, c := range cookies {
				if c.Secure != tc.secured {
					t.Fatalf("cookie %s Secure=%v, want %v", c.Name, c.Secure, tc.secured)
				}
			}
			if hsts := resp.Header.Get("Strict-Transport-Security"); (hsts != "") != tc.secured {
				t.Fatalf("Strict-Transport-Security %q", hsts)
			}
			if lang := getWith(t, base+"/lang?to=de", tc.header...); lang.Cookies()[0].Secure != tc.secured {
				t.Fatal("the language cookie disagrees")
			}
		})
	}
}

// Only trusted proxies name the client: others cannot dodge the login limit
// by claiming another address, and clients behind a proxy count one by one.
func TestClientAddressBehindProxy(t *testing.T) {
	guess := func(t *testing.T, base string, from string) int {
		t.Helper()
		return tryLoginFrom(t, base, from, "nobody", "guess").status
	}
	t.Run("ErrUntrustedForwardedFor", func(t *testing.T) {
		base, _, _ := newTestServer(t, stoppedClock)
		for i := range 20 {
			guess(t, base, fmt.Sprint("203.0.113.", i))
		}
		if status := guess(t, base, "198.51.100.1"); status != http.StatusTooManyRequests {
			t.Fatalf("a client that forges X-Forwarded-For escaped the limit: %d", status)
		}
	})
	t.Run("TrustedProxy", func(t *testing.T) {
		base, db, _ := newTestServer(t, stoppedClock, trustLoopback)
		addUser(t, db, "ann", resonanz.RoleAgent)
		for i := range 20 {
			tryLoginFrom(t, base, "198.51.100.7, 203.0.113.9", fmt.Sprint("user", i), "guess")
		}
		if status := tryLoginFrom(t, base, "203.0.113.9", "ann", "correct horse battery").status; status != http.StatusTooManyRequests {
			t.Fatalf("the guessing client was not slowed down: %d", status)
		}
		if status := tryLoginFrom(t, base, "203.0.113.10", "ann", "correct horse battery").status; status != http.StatusSeeOther {
			t.Fatalf("another client behind the same proxy answered %d", status)
		}
	})
}

// tryLoginFrom is tryLogin through a proxy that names the client in X-Forwarded-For.
func tryLoginFrom(t *testing.T, base, forwardedFor, login, password string) loginAttempt {
	t.Helper()
	page := getWith(t, base+"/login")
	var csrf string
	for _, c := range page.Cookies() {
		if c.Name == "resonanz_login_csrf" {
			csrf = c.Value
		}
	}
	form := url.Values{"csrf": {csrf}, "login": {login}, "password": {password}}
	req, _ := http.NewRequest("POST", base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", forwardedFor)
	req.AddCookie(&http.Cookie{Name: "resonanz_login_csrf", Value: csrf})
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	status, body := readPage(t, resp)
	return loginAttempt{status: status, retryAfter: resp.Header.Get("Retry-After"), body: body}
}

// Pages for a logged-in user are never cached; static files may be.
func TestNoStoreForUsers(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent, _ := logInAs(t, base, db, "ann", resonanz.RoleAgent)
	req, _ := http.NewRequest("GET", base+"/", nil)
	req.AddCookie(&http.Cookie{Name: "resonanz_session", Value: agent.token})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Cache-Control"); resp.StatusCode != http.StatusOK || got != "no-store" {
		t.Fatalf("the inbox answered %d with Cache-Control %q", resp.StatusCode, got)
	}
	if got := getWith(t, base+"/static/style.css").Header.Get("Cache-Control"); got == "no-store" {
		t.Fatal("static files are not cached")
	}
}
