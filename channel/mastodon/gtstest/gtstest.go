// Package gtstest starts a real GoToSocial server (a Mastodon-API server) for
// tests, on a free loopback port, with SQLite and local storage in the test's
// temporary directory, so the Mastodon channel adapter can be tested against
// the real thing rather than a fake.
//
// It builds nothing: the binary comes from .ci/gotosocial, which builds it
// once into ${RESONANZ_CACHE:-$HOME/.cache/resonanz}/gotosocial-v0.17.3/ and
// lays out the web templates GoToSocial reads beside it. .ci/run exports
// its path as RESONANZ_GOTOSOCIAL. Without the binary, Start skips the test.
//
// The server runs with protocol http, host 127.0.0.1:PORT (so every URL it
// hands out is one a client here can reach), federation off in practice (no
// other server is reachable), and rate limiting and throttling off. The first
// start on a machine compiles GoToSocial's embedded ffmpeg WebAssembly, which
// takes up to a minute; the result is cached beside the binary, and later
// starts take a few seconds.
//
// The helpers on Account speak the Mastodon client API with net/http and
// encoding/json; they fail the test on any error.
package gtstest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz/internal/testpeer"
)

// Version is the GoToSocial version the cache path names.
const Version = "v0.17.3"

// EnvBinary names the environment variable that holds the binary's path.
const EnvBinary = "RESONANZ_GOTOSOCIAL"

// Scopes are the OAuth scopes Account asks for.
const Scopes = "read write follow push"

// oob is the redirect URI for clients without a web page of their own: the
// code is shown to the user (here: read from the redirect) instead.
const oob = "urn:ietf:wg:oauth:2.0:oob"

// startTimeout bounds the wait for the server to answer. The first start on
// a machine compiles ffmpeg's WebAssembly, which is slow on a busy machine.
const startTimeout = 4 * time.Minute

// Server is a running GoToSocial.
type Server struct {
	URL  string // http://127.0.0.1:port, what clients use
	Host string // 127.0.0.1:port, GoToSocial's host and account domain
	Dir  string // config, database and storage

	bin      string
	config   string
	env      []string
	proc     testpeer.Process
	mu       sync.Mutex // guards accounts
	accounts map[string]*Account
}

// Account is a local user of the server, with an access token.
type Account struct {
	Username string
	ID       string // the Mastodon account ID
	Token    string // bearer token with Scopes
	Email    string // what the user signs in with, with Password
	Password string

	server *Server
}

// Binary returns the GoToSocial binary's path: $RESONANZ_GOTOSOCIAL, or else
// the path .ci/gotosocial builds to. It returns "" when the latter is absent.
func Binary() (string, error) { return testpeer.Binary(EnvBinary, "gotosocial", Version) }

// Start creates the given local accounts, starts the server and waits until
// it answers; t.Cleanup stops it. It skips the test when the binary is
// absent, and fails it when $RESONANZ_GOTOSOCIAL names a missing file.
func Start(t testing.TB, usernames ...string) *Server {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		t.Fatalf("gtstest: %v", err)
	}
	if bin == "" {
		t.Skipf("gtstest: GoToSocial %s not found; build it with .ci/gotosocial or set %s", Version, EnvBinary)
	}
	web := filepath.Join(filepath.Dir(bin), "web")
	if _, err := os.Stat(filepath.Join(web, "template", "index.tmpl")); err != nil {
		t.Fatalf("gtstest: GoToSocial's web templates are missing beside %s (.ci/gotosocial lays them out): %v", bin, err)
	}

	port := testpeer.FreePort(t)
	s := &Server{
		Host:     "127.0.0.1:" + strconv.Itoa(port),
		Dir:      t.TempDir(),
		bin:      bin,
		accounts: map[string]*Account{},
	}
	s.URL = "http://" + s.Host
	s.config = filepath.Join(s.Dir, "config.yaml")
	config := fmt.Sprintf(`host: %q
protocol: "http"
bind-address: "127.0.0.1"
port: %d
log-level: "info"
db-type: "sqlite"
db-address: %q
storage-backend: "local"
storage-local-base-path: %q
web-template-base-dir: %q
web-asset-base-dir: %q
accounts-registration-open: false
letsencrypt-enabled: false
media-ffmpeg-pool-size: 1
advanced-rate-limit-requests: 0
advanced-throttling-multiplier: 0
`, s.Host, port, filepath.Join(s.Dir, "sqlite.db"), filepath.Join(s.Dir, "storage"),
		filepath.Join(web, "template")+"/", filepath.Join(web, "assets")+"/")
	if err := os.WriteFile(s.config, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	s.env = os.Environ()
	// ffmpeg's WebAssembly takes long to compile; keep the result.
	if wz := filepath.Join(filepath.Dir(bin), "wazero"); os.MkdirAll(wz, 0o700) == nil {
		s.env = append(s.env, "GTS_WAZERO_COMPILATION_CACHE="+wz)
	}

	t.Cleanup(func() {
		s.proc.Stop()
		if t.Failed() {
			t.Logf("gtstest: GoToSocial output (last %d KiB):\n%s", testpeer.LogKeep/1024, s.proc.Out.String())
		}
	})

	// Accounts are made with the admin CLI against the same database before
	// the server starts: the first command also runs the migrations. The
	// create command already marks the account confirmed and approved.
	for _, name := range usernames {
		a := &Account{
			Username: name,
			Email:    name + "@example.org",
			Password: "Resonanz-test-" + name + "-pw-7Kq9!",
			server:   s,
		}
		s.cli(t, "admin", "account", "create", "--username", name, "--email", a.Email, "--password", a.Password)
		s.accounts[name] = a
	}
	s.start(t)
	return s
}

// cli runs one GoToSocial command against the server's config and database.
func (s *Server) cli(t testing.TB, args ...string) {
	t.Helper()
	cmd := exec.Command(s.bin, append([]string{"--config-path", s.config}, args...)...)
	cmd.Dir = s.Dir
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = &s.proc.Out, &s.proc.Out
	if err := cmd.Run(); err != nil {
		t.Fatalf("gotosocial %s: %v", strings.Join(args, " "), err)
	}
}

// start launches the server process and waits until it answers.
func (s *Server) start(t testing.TB) {
	t.Helper()
	cmd := exec.Command(s.bin, "--config-path", s.config, "server", "start")
	cmd.Dir = s.Dir
	cmd.Env = s.env
	s.proc.Start(t, cmd)
	deadline := time.Now().Add(startTimeout)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		resp, err := client.Get(s.URL + "/api/v1/instance")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-s.proc.Exited():
			s.proc.Stop()
			t.Fatalf("gtstest: GoToSocial exited while starting: %v", cmd.ProcessState)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.proc.Stop()
			t.Fatalf("gtstest: GoToSocial did not answer on %s within %v", s.URL, startTimeout)
		}
	}
}

// Stop stops the server, as if it went down; Restart brings it back.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	s.proc.Stop()
}

// Restart starts the server again on the same port with the same data,
// stopping it first if it runs.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.proc.Stop()
	s.start(t)
}

// Account returns the named account with an access token, got once through
// the OAuth flow a person would go through, and kept for later calls: it
// registers an app, opens /oauth/authorize, signs in, authorizes, and
// exchanges the code at /oauth/token. The username must be one Start made.
func (s *Server) Account(t testing.TB, username string) *Account {
	t.Helper()
	s.mu.Lock()
	a := s.accounts[username]
	s.mu.Unlock()
	if a == nil {
		t.Fatalf("gtstest: no account %q (Start makes them)", username)
	}
	if a.Token != "" {
		return a
	}
	token, err := s.authorize(a.Email, a.Password)
	if err != nil {
		t.Fatalf("gtstest: token for %s: %v", username, err)
	}
	a.Token = token
	var me struct {
		ID string `json:"id"`
	}
	a.Call(t, http.MethodGet, "/api/v1/accounts/verify_credentials", nil, &me)
	a.ID = me.ID
	return a
}

// authorize runs the OAuth authorization-code flow for one user.
func (s *Server) authorize(email, password string) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{
		Jar:     jar,
		Timeout: 30 * time.Second,
		// Each step answers with a redirect whose target is the next step.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	post := func(path string, form url.Values) (*http.Response, error) {
		resp, err := c.PostForm(s.URL+path, form)
		if err != nil {
			return nil, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp, nil
	}

	// Register an app.
	resp, err := c.PostForm(s.URL+"/api/v1/apps", url.Values{
		"client_name":   {"resonanz test"},
		"redirect_uris": {oob},
		"scopes":        {Scopes},
	})
	if err != nil {
		return "", err
	}
	var app struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	}
	if err := decode(resp, &app); err != nil {
		return "", fmt.Errorf("register app: %w", err)
	}

	// Open the authorization page; without a session it sends to sign-in.
	q := url.Values{
		"client_id":     {app.ClientID},
		"redirect_uri":  {oob},
		"response_type": {"code"},
		"scope":         {Scopes},
	}
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/oauth/authorize?"+q.Encode(), nil)
	req.Header.Set("Accept", "text/html")
	resp, err = c.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode/100 != 3 || loc != "/auth/sign_in" {
		return "", fmt.Errorf("GET /oauth/authorize: %s, Location %q", resp.Status, loc)
	}

	// Sign in; the form's "username" field is the email address.
	resp, err = post("/auth/sign_in", url.Values{"username": {email}, "password": {password}})
	if err != nil {
		return "", err
	}
	if loc := resp.Header.Get("Location"); resp.StatusCode/100 != 3 || loc != "/oauth/authorize" {
		return "", fmt.Errorf("POST /auth/sign_in: %s, Location %q", resp.Status, loc)
	}

	// Authorize; the redirect to the out-of-band page carries the code.
	resp, err = post("/oauth/authorize", nil)
	if err != nil {
		return "", err
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode/100 != 3 || loc.Query().Get("code") == "" {
		return "", fmt.Errorf("POST /oauth/authorize: %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}

	// Exchange the code for a token.
	resp, err = c.PostForm(s.URL+"/oauth/token", url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {loc.Query().Get("code")},
		"client_id":     {app.ClientID},
		"client_secret": {app.ClientSecret},
		"redirect_uri":  {oob},
		"scope":         {Scopes},
	})
	if err != nil {
		return "", err
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := decode(resp, &tok); err != nil {
		return "", fmt.Errorf("POST /oauth/token: %w", err)
	}
	if tok.AccessToken == "" {
		return "", errors.New("POST /oauth/token: no access_token")
	}
	return tok.AccessToken, nil
}

// Status is the part of a Mastodon status the tests look at.
type Status struct {
	ID          string    `json:"id"`
	CreatedAt   time.Time `json:"created_at"`
	InReplyToID string    `json:"in_reply_to_id"`
	Visibility  string    `json:"visibility"` // public, unlisted, private, direct
	Content     string    `json:"content"`    // HTML
	URL         string    `json:"url"`
	Account     struct {
		ID       string `json:"id"`
		Username string `json:"username"`
		Acct     string `json:"acct"`
	} `json:"account"`
	Mentions []struct {
		ID       string `json:"id"`
		Username string `json:"username"`
		Acct     string `json:"acct"`
	} `json:"mentions"`
}

// Notification is one entry of /api/v1/notifications.
type Notification struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"` // mention, follow, favourite, reblog, …
	CreatedAt time.Time `json:"created_at"`
	Account   struct {
		ID       string `json:"id"`
		Username string `json:"username"`
		Acct     string `json:"acct"`
	} `json:"account"`
	Status *Status `json:"status"`
}

// Post publishes a status and returns its ID. Visibility is public,
// unlisted, private or direct ("" is the account's default, public);
// inReplyTo, when not "", is the ID of the status this one answers.
// Mentions such as "@brand" in text address local accounts.
func (a *Account) Post(t testing.TB, text, visibility, inReplyTo string) string {
	t.Helper()
	form := url.Values{"status": {text}}
	if visibility != "" {
		form.Set("visibility", visibility)
	}
	if inReplyTo != "" {
		form.Set("in_reply_to_id", inReplyTo)
	}
	var st Status
	a.Call(t, http.MethodPost, "/api/v1/statuses", form, &st)
	if st.ID == "" {
		t.Fatalf("gtstest: %s posted %q but got no status ID", a.Username, text)
	}
	return st.ID
}

// Status returns one status as this account sees it.
func (a *Account) Status(t testing.TB, id string) Status {
	t.Helper()
	var st Status
	a.Call(t, http.MethodGet, "/api/v1/statuses/"+url.PathEscape(id), nil, &st)
	return st
}

// Statuses returns this account's own statuses, newest first.
func (a *Account) Statuses(t testing.TB) []Status {
	t.Helper()
	var sts []Status
	a.Call(t, http.MethodGet, "/api/v1/accounts/"+url.PathEscape(a.ID)+"/statuses?limit=40", nil, &sts)
	return sts
}

// Replies returns the statuses below the given one in its thread (the
// context's descendants) that this account may see, oldest first.
func (a *Account) Replies(t testing.TB, id string) []Status {
	t.Helper()
	var ctx struct {
		Descendants []Status `json:"descendants"`
	}
	a.Call(t, http.MethodGet, "/api/v1/statuses/"+url.PathEscape(id)+"/context", nil, &ctx)
	return ctx.Descendants
}

// Notifications returns this account's notifications, newest first.
func (a *Account) Notifications(t testing.TB) []Notification {
	t.Helper()
	var ns []Notification
	a.Call(t, http.MethodGet, "/api/v1/notifications?limit=40", nil, &ns)
	return ns
}

// Call sends one request to the client API with this account's token: form,
// when not nil, is sent as an urlencoded body; out, when not nil, receives
// the JSON answer. Any status but 2xx fails the test.
func (a *Account) Call(t testing.TB, method, path string, form url.Values, out any) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, a.server.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Authorization", "Bearer "+a.Token)
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("gtstest: %s %s: %v", method, path, err)
	}
	if err := decode(resp, out); err != nil {
		t.Fatalf("gtstest: %s %s as %s: %v", method, path, a.Username, err)
	}
}

// decode reads a JSON answer into out (which may be nil) and closes it.
func decode(resp *http.Response, out any) error {
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s: %s", resp.Status, bytes.TrimSpace(b))
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%w in %.200s", err, b)
	}
	return nil
}
