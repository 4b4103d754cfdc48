// Package webhook tells the company's other systems about storm alerts:
// a JSON POST, signed with a shared secret, to each configured address.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
)

// Headers of every delivery. The signature is the hex HMAC-SHA256 of
// "<timestamp>.<body>" with the shared secret, so a receiver can check both
// who sent it and that it is fresh.
const (
	HeaderEvent     = "X-Resonanz-Event"
	HeaderTimestamp = "X-Resonanz-Timestamp"
	HeaderSignature = "X-Resonanz-Signature"
)

// Sign returns the signature header value for body sent at timestamp.
func Sign(secret string, timestamp int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", timestamp)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Payload is the JSON body of an alert delivery.
type Payload struct {
	Event string          `json:"event"` // alert.raised, alert.escalated, alert.acknowledged, alert.resolved
	Alert *resonanz.Alert `json:"alert"`
	URL   string          `json:"url,omitempty"` // the crisis room
}

// Notifier sends alert news to the configured addresses. Within one storm
// it only speaks when something a person should know changes: the alert is
// raised, its severity rises, or someone acknowledges or resolves it.
type Notifier struct {
	URLs    []string
	Secret  string
	BaseURL string // where resonanz's UI answers, for links to the crisis room
	Alerts  resonanz.AlertService
	Client  *http.Client
	Logger  *slog.Logger
	Now     func() time.Time
	// Retry is the pause before the second try; the third waits four times as long.
	Retry time.Duration

	mu   sync.Mutex
	told map[int64]told
}

// told is what the receivers last heard of one alert.
type told struct {
	severity int
	status   string
}

// Run delivers alert news from bus until ctx ends.
func (n *Notifier) Run(ctx context.Context, bus *events.Bus) {
	news, cancel := bus.Subscribe()
	defer cancel()
	for {
		select {
		case <-ctx.Done():
			return
		case e, open := <-news:
			if !open {
				return
			}
			if err := n.Notify(ctx, e.AlertID); err != nil {
				n.Logger.Error("webhook", "alert", e.AlertID, "err", err)
			}
		}
	}
}

// Notify delivers the news of one alert, if there is news.
func (n *Notifier) Notify(ctx context.Context, alertID int64) error {
	a, err := n.Alerts.FindAlertByID(ctx, alertID)
	if err != nil {
		return err
	}
	event := n.news(a)
	if event == "" {
		return nil
	}
	p := Payload{Event: event, Alert: a}
	if n.BaseURL != "" {
		p.URL = n.BaseURL + "/alerts/" + strconv.FormatInt(a.ID, 10)
	}
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	for _, url := range n.URLs {
		if err := n.deliver(ctx, url, event, body); err != nil {
			return err
		}
	}
	return nil
}

// news names what changed since the receivers last heard of a, or "".
func (n *Notifier) news(a *resonanz.Alert) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.told == nil {
		n.told = map[int64]told{}
	}
	prev, known := n.told[a.ID]
	n.told[a.ID] = told{a.Severity, a.Status}
	switch {
	case !known:
		return "alert.raised"
	case a.Status != prev.status:
		return "alert." + a.Status
	case a.Severity > prev.severity:
		return "alert.escalated"
	}
	return ""
}

// deliver posts body, trying three times with a growing pause.
func (n *Notifier) deliver(ctx context.Context, url, event string, body []byte) error {
	last := n.post(ctx, url, event, body)
	for _, pause := range []time.Duration{n.Retry, 4 * n.Retry} {
		if last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		last = n.post(ctx, url, event, body)
	}
	if last != nil {
		return fmt.Errorf("webhook %s: %w", url, last)
	}
	return nil
}

func (n *Notifier) post(ctx context.Context, url, event string, body []byte) error {
	ts := n.Now().Unix()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(HeaderEvent, event)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(n.Secret, ts, body))
	resp, err := n.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("answered %s", resp.Status)
	}
	return nil
}
