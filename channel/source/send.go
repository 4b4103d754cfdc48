package source

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// Reply is the JSON posted to a source's reply address.
//
//	{"key": "resonanz-reply-42", "reply_to": "order-4711-1", "customer": "K-1001",
//	 "text": "Ihr Paket ist unterwegs.", "queued_at": "2026-05-04T10:41:00Z"}
//
// The source answers 2xx, optionally with {"id": "...", "url": "..."}: the
// id lets the customer's answer to the reply join the conversation.
type Reply struct {
	Key      string    `json:"key"`      // the same on every attempt (also in X-Resonanz-Delivery)
	ReplyTo  string    `json:"reply_to"` // the id of the customer's message, as the source sent it
	Customer string    `json:"customer"` // the customer's id, or their email address
	Text     string    `json:"text"`
	QueuedAt time.Time `json:"queued_at"`
}

// Send posts a reply to the source's reply address, signed like a push.
// A source that took the reply already answers the repeat with the same
// key as it did the first time.
func (c *Channel) Send(ctx context.Context, out *resonanz.Outgoing) (*resonanz.Sent, error) {
	if c.replyURL == "" {
		return nil, resonanz.Held(resonanz.HeldNoReply)
	}
	body, err := json.Marshal(Reply{Key: out.Key, ReplyTo: strings.TrimPrefix(out.ReplyTo, c.prefix),
		Customer: strings.TrimPrefix(out.Recipient, c.prefix), Text: out.Text, QueuedAt: out.QueuedAt.UTC()})
	if err != nil {
		return nil, resonanz.Permanent(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.replyURL, bytes.NewReader(body))
	if err != nil {
		return nil, resonanz.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(HeaderSignature, Sign(c.secret, body))
	req.Header.Set(HeaderDelivery, out.Key)
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("the reply address is not reachable: %w", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err := refusal(resp); err != nil {
		return nil, err
	}
	var answer struct {
		ID  string `json:"id"`
		URL string `json:"url"`
	}
	json.Unmarshal(raw, &answer)
	sent := &resonanz.Sent{}
	if id := strings.TrimSpace(answer.ID); id != "" && len(id) <= resonanz.MaxExternalIDLen-len(c.prefix) {
		sent.ExternalID = c.prefix + id
	}
	if strings.HasPrefix(answer.URL, "https://") || strings.HasPrefix(answer.URL, "http://") {
		sent.URL = answer.URL
	}
	return sent, nil
}

// refusal words an answer that is not 2xx: 429 waits as told, other 4xx
// (but 408) will not get better by trying again, the rest may.
func refusal(resp *http.Response) error {
	if resp.StatusCode < 300 {
		return nil
	}
	err := fmt.Errorf("the reply address answered %s", resp.Status)
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		wait := time.Minute
		if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && s >= 0 {
			wait = min(time.Duration(s)*time.Second, time.Hour)
		}
		return &resonanz.RetryAfterError{Wait: wait, Err: err}
	case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusRequestTimeout:
		return resonanz.Permanent(err)
	}
	return err
}
