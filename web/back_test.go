package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/resonanz/resonanz"
)

// Links and forms carry the page to return to; only paths on this site are
// followed, so that a crafted link cannot send the browser elsewhere.
func TestBackStaysOnTheSite(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent, _ := logInAs(t, base, db, "ann", resonanz.RoleAgent)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct{ name, back, want string }{
		{"Path", "/search?q=x", "/search?q=x"},
		{"Root", "/", "/"},
		{"Encoded", "/conversations/1?a=%2F%2Fx", "/conversations/1?a=%2F%2Fx"},
		{"ErrEmpty", "", "/"},
		{"ErrRelative", "conversations/1", "/"},
		{"ErrTab", "/\t/evil.example/path", "/"},
		{"ErrNewline", "/\n/evil.example", "/"},
		{"ErrCarriageReturn", "/\r/evil.example", "/"},
		{"ErrNUL", "/\x00/evil.example", "/"},
		{"ErrSpace", "/ /evil.example", "/"},
		{"ErrDEL", "/\x7f/evil.example", "/"},
		{"ErrUnicodeControl", "/\u0085/evil.example", "/"},
		{"ErrInvalidUTF8", "/\xff/evil.example", "/"},
		{"ErrProtocolRelative", "//evil.example/path", "/"},
		{"ErrBackslash", "/\\evil.example", "/"},
		{"ErrBackslashLater", "/a\\..\\..\\evil", "/"},
		{"ErrScheme", "https://evil.example/", "/"},
		{"ErrJavaScript", "javascript:alert(1)", "/"},
		{"SchemeInPath", "/https://evil.example", "/https:/evil.example"}, // a path here, cleaned by the redirect
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := noFollow.Get(base + "/lang?" + url.Values{"to": {"en"}, "back": {tc.back}}.Encode())
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != tc.want {
				t.Fatalf("/lang back %q answered %d to %q, want %q", tc.back, resp.StatusCode, got, tc.want)
			}
			agent.post("/me/away", "away", "0", "back", tc.back)
			if agent.Location != tc.want {
				t.Fatalf("the form's back %q went to %q, want %q", tc.back, agent.Location, tc.want)
			}
		})
	}
}
