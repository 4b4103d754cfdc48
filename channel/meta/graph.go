package meta

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// Check asks the Graph API who the page token belongs to: it must be the
// configured page itself, not a person or another page.
func (c *Channel) Check(ctx context.Context) error {
	var me struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	if err := c.call(ctx, http.MethodGet, "/me", url.Values{"fields": {"id,name"}}, nil, &me); err != nil {
		return err
	}
	if me.ID != c.pageID {
		return fmt.Errorf("meta: the token belongs to %q (id %s), not to page %s: use the page access token of that page", me.Name, me.ID, c.pageID)
	}
	return nil
}

// call makes one Graph API request and decodes the answer into out. A body
// of url.Values goes as a form, any other body as JSON. The page token goes
// in the Authorization header, never in the address, so that no error
// message or log line carries it; appsecret_proof proves the app's secret
// for apps that require it.
func (c *Channel) call(ctx context.Context, method, path string, query url.Values, body, out any) error {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("appsecret_proof", c.appSecretProof())
	var (
		rd    io.Reader
		ctype string
	)
	switch b := body.(type) {
	case nil:
	case url.Values:
		rd, ctype = bytes.NewBufferString(b.Encode()), "application/x-www-form-urlencoded"
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return fmt.Errorf("meta: encode %s: %w", path, err)
		}
		rd, ctype = bytes.NewReader(data), "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, method, c.graphURL+path+"?"+q.Encode(), rd)
	if err != nil {
		return fmt.Errorf("meta: %s %s: %w", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.pageToken)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the address holds the proof; the cause is enough
		}
		return fmt.Errorf("meta: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("meta: %s %s: reading the answer: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		return classify(resp, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("meta: %s %s: unreadable answer: %v", method, path, err)
		}
	}
	return nil
}

func (c *Channel) appSecretProof() string {
	mac := hmac.New(sha256.New, []byte(c.appSecret))
	mac.Write([]byte(c.pageToken))
	return hex.EncodeToString(mac.Sum(nil))
}

// graphError is an error the Graph API answered with.
type graphError struct {
	Status    int    `json:"-"`
	Message   string `json:"message"`
	Type      string `json:"type"`
	Code      int    `json:"code"`
	Subcode   int    `json:"error_subcode"`
	Transient bool   `json:"is_transient"`
	hint      string // what an admin should do, where it is clear
}

func (e *graphError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	msg = truncate(msg, 300)
	if e.Code != 0 {
		msg = fmt.Sprintf("Meta: %s (error %d, HTTP %d)", msg, e.Code, e.Status)
	} else {
		msg = fmt.Sprintf("Meta: %s (HTTP %d)", msg, e.Status)
	}
	if e.hint != "" {
		return e.hint + " — " + msg
	}
	return msg
}

// classify turns a failed answer into an error the outbox knows how to
// treat: wait as told, give up, or retry with backoff.
func classify(resp *http.Response, data []byte) error {
	var body struct {
		Error *graphError `json:"error"`
	}
	_ = json.Unmarshal(data, &body) // a proxy's HTML page still gives the status
	ge := body.Error
	if ge == nil {
		ge = &graphError{}
	}
	ge.Status = resp.StatusCode
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || mustWait(ge.Code):
		return &resonanz.RetryAfterError{Wait: retryWait(resp.Header, time.Now()), Err: ge}
	case ge.Code == 190 || ge.Code == 102:
		ge.hint = "The page token is no longer valid (revoked, expired, or the password of its owner changed); connect the account again with a new page token"
		return resonanz.Permanent(ge)
	case ge.Code == 10 || (ge.Code >= 200 && ge.Code <= 299):
		return resonanz.Permanent(ge)
	case ge.Transient || ge.Code == 1 || ge.Code == 2 || resp.StatusCode >= 500:
		return ge
	case resp.StatusCode >= 400:
		return resonanz.Permanent(ge)
	}
	return ge
}

// mustWait reports whether a Graph error code asks to wait: rate limits of
// the app (4), a user (17), the page (32), a custom limit (613), the
// application limit (341), business use case limits (80000–80014), and a
// temporary block (368).
func mustWait(code int) bool {
	switch code {
	case 4, 17, 32, 341, 368, 613:
		return true
	}
	return code >= 80000 && code <= 80014
}

// DefaultWait is how long to wait after a rate limit that names no time:
// Meta's limits count over a rolling hour, so a minute is too little.
const DefaultWait = 5 * time.Minute

// retryWait reads the pause an answer asks for: Retry-After, else the
// estimated_time_to_regain_access (minutes) of X-Business-Use-Case-Usage,
// else DefaultWait; never more than a day.
func retryWait(h http.Header, now time.Time) time.Duration {
	wait := time.Duration(0)
	if ra := h.Get("Retry-After"); ra != "" {
		if s, err := strconv.Atoi(ra); err == nil {
			wait = time.Duration(s) * time.Second
		} else if t, err := http.ParseTime(ra); err == nil {
			wait = t.Sub(now)
		}
	}
	if wait <= 0 {
		var usage map[string][]struct {
			Minutes int `json:"estimated_time_to_regain_access"`
		}
		if json.Unmarshal([]byte(h.Get("X-Business-Use-Case-Usage")), &usage) == nil {
			for _, list := range usage {
				for _, u := range list {
					wait = max(wait, time.Duration(u.Minutes)*time.Minute)
				}
			}
		}
	}
	if wait <= 0 {
		wait = DefaultWait
	}
	return min(wait, 24*time.Hour)
}
