package webhook

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// Sender makes one attempt at a queued delivery: it signs the body at the
// moment of sending and posts it.
type Sender struct {
	Secret string
	Client *http.Client
	Now    func() time.Time
}

// DeliverWebhook posts d once. A receiver that refuses the request (a 4xx other
// than 408 Request Timeout and 429 Too Many Requests) gives a Permanent
// error; any other failure is worth another try later.
func (s *Sender) DeliverWebhook(ctx context.Context, d resonanz.WebhookDelivery) error {
	ts := s.Now().Unix()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Payload))
	if err != nil {
		return resonanz.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(HeaderEvent, d.Event)
	req.Header.Set(HeaderDelivery, strconv.FormatInt(d.ID, 10))
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(s.Secret, ts, d.Payload))
	resp, err := s.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	code := resp.StatusCode
	switch {
	case code/100 == 2:
		return nil
	case code/100 == 4 && code != http.StatusRequestTimeout && code != http.StatusTooManyRequests:
		return resonanz.Permanent(fmt.Errorf("answered %s", resp.Status))
	}
	return fmt.Errorf("answered %s", resp.Status)
}
