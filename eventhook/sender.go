package eventhook

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/webhook"
)

// HeaderEventID carries the event's id, the same in every attempt and replay.
const HeaderEventID = "X-Resonanz-Event-Id"

// Sender posts event deliveries with the headers of the alert webhooks.
type Sender struct {
	Client *http.Client
	Now    func() time.Time
}

// SendEvent posts d once, signed with the subscription's secret. A receiver
// that refuses it (a 4xx other than 408 and 429) gives a Permanent error.
func (s *Sender) SendEvent(ctx context.Context, d *resonanz.EventDelivery, url, secret string) (int, error) {
	ts := s.Now().Unix()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(d.Payload))
	if err != nil {
		return 0, resonanz.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(webhook.HeaderEvent, d.Event)
	req.Header.Set(webhook.HeaderDelivery, strconv.FormatInt(d.ID, 10))
	req.Header.Set(HeaderEventID, d.EventID)
	req.Header.Set(webhook.HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(webhook.HeaderSignature, webhook.Sign(secret, ts, d.Payload))
	resp, err := s.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	code := resp.StatusCode
	switch {
	case code/100 == 2:
		return code, nil
	case code/100 == 4 && code != http.StatusRequestTimeout && code != http.StatusTooManyRequests:
		return code, resonanz.Permanent(fmt.Errorf("answered %s", resp.Status))
	}
	return code, fmt.Errorf("answered %s", resp.Status)
}
