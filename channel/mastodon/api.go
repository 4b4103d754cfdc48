package mastodon

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// status is the part of a Mastodon status resonanz reads.
type status struct {
	ID          string    `json:"id"`
	CreatedAt   time.Time `json:"created_at"`
	InReplyToID *string   `json:"in_reply_to_id"`
	Visibility  string    `json:"visibility"`
	Content     string    `json:"content"`
	URL         *string   `json:"url"`
	URI         string    `json:"uri"`
	Account     account   `json:"account"`
	Mentions    []struct {
		ID string `json:"id"`
	} `json:"mentions"`
	Media []struct {
		URL         string  `json:"url"`
		Description *string `json:"description"`
	} `json:"media_attachments"`
}

type account struct {
	ID          string `json:"id"`
	Acct        string `json:"acct"`
	DisplayName string `json:"display_name"`
}

type notification struct {
	ID     string  `json:"id"`
	Type   string  `json:"type"`
	Status *status `json:"status"`
}

// maxBody bounds what resonanz reads of one answer.
const maxBody = 8 << 20

// call makes one API request and decodes the answer into out; it turns the
// server's refusals into errors that say whether trying again helps.
func (c *Channel) call(ctx context.Context, method, path string, form url.Values, header http.Header, out any) error {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.server+path, body)
	if err != nil {
		return resonanz.Permanent(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s is not reachable: %w", c.host, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return fmt.Errorf("%s: reading the answer: %w", c.host, err)
	}
	if resp.StatusCode >= 300 {
		return refusal(resp, raw)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s answered %s with something that is not the expected JSON: %w", c.host, path, err)
	}
	return nil
}

// refusal words a non-2xx answer: 429 waits as told, 401/403/404/422 will not
// get better by trying again, anything else may.
func refusal(resp *http.Response, raw []byte) error {
	var e struct {
		Error string `json:"error"`
	}
	json.Unmarshal(raw, &e)
	reason := strings.TrimSpace(e.Error)
	if reason == "" {
		reason = http.StatusText(resp.StatusCode)
	}
	err := fmt.Errorf("the server answered %d: %s", resp.StatusCode, reason)
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return &resonanz.RetryAfterError{Wait: retryWait(resp.Header, time.Now()), Err: err}
	case resp.StatusCode == http.StatusUnauthorized:
		return resonanz.Permanent(fmt.Errorf("the access token was refused (revoked or expired?): %w", err))
	case resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusUnprocessableEntity:
		return resonanz.Permanent(err)
	}
	return err
}

// retryWait reads how long a 429 asks to wait: Retry-After (seconds) or
// Mastodon's X-RateLimit-Reset (a time); a minute if neither says.
func retryWait(h http.Header, now time.Time) time.Duration {
	if s, err := strconv.Atoi(h.Get("Retry-After")); err == nil && s >= 0 {
		return min(time.Duration(s)*time.Second, time.Hour)
	}
	if t, err := time.Parse(time.RFC3339, h.Get("X-RateLimit-Reset")); err == nil && t.After(now) {
		return min(t.Sub(now), time.Hour)
	}
	return time.Minute
}
