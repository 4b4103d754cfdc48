// Package webhook tells the company's other systems about storm alerts:
// a JSON POST, signed with a shared secret, to each configured address.
// The Notifier decides what is news and queues it durably; the Sender makes
// each attempt at a delivery.
package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/resonanz/resonanz"
)

// Headers of every delivery. The signature is the hex HMAC-SHA256 of
// "<timestamp>.<body>" with the shared secret, so a receiver can check both
// who sent it and that it is fresh.
const (
	HeaderEvent     = "X-Resonanz-Event"
	HeaderTimestamp = "X-Resonanz-Timestamp"
	HeaderSignature = "X-Resonanz-Signature"
	// HeaderDelivery is the same for every attempt at one delivery.
	HeaderDelivery = "X-Resonanz-Delivery"
)

// Events of alert news.
const (
	EventRaised       = "alert.raised"
	EventEscalated    = "alert.escalated"
	EventAcknowledged = "alert.acknowledged"
	EventResolved     = "alert.resolved"
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

// Notifier queues alert news for the configured addresses. Within one storm
// it only speaks when something a person should know changes: the alert is
// raised, its severity rises, or someone acknowledges or resolves it.
type Notifier struct {
	URLs    []string
	BaseURL string // where resonanz's UI answers, for links to the crisis room
	Alerts  resonanz.AlertService
	Queue   resonanz.AlertNewsQueue
	// Mail composes the email for a raised or escalated alert; nil: no email.
	Mail   func(p Payload) *resonanz.AlertMail
	Logger *slog.Logger
}

// Run queues alert news from live events until ctx ends. It first catches up on
// open alerts that changed while nobody was listening (a crash between an
// alert's change and its news).
func (n *Notifier) Run(ctx context.Context, live resonanz.EventService) {
	news, cancel := live.Subscribe()
	defer cancel()
	open, err := n.Alerts.FindAlerts(ctx, false)
	if err != nil {
		n.Logger.Error("alert news: catch up", "err", err)
	}
	for _, a := range open {
		n.notify(ctx, a.ID)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-news:
			if !ok {
				return
			}
			n.notify(ctx, e.AlertID)
		}
	}
}

func (n *Notifier) notify(ctx context.Context, alertID int64) {
	if err := n.Notify(ctx, alertID); err != nil && ctx.Err() == nil {
		n.Logger.Error("alert news", "alert", alertID, "err", err)
	}
}

// Notify queues the news of one alert, if there is news.
func (n *Notifier) Notify(ctx context.Context, alertID int64) error {
	a, err := n.Alerts.FindAlertByID(ctx, alertID)
	if err != nil {
		return err
	}
	prev, known, err := n.Queue.AlertTold(ctx, a.ID)
	if err != nil {
		return err
	}
	event := news(prev, known, a)
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
	item := &resonanz.AlertNews{Event: event, AlertID: a.ID, Told: resonanz.AlertTold{Severity: a.Severity, Status: a.Status},
		Payload: body, URLs: n.URLs}
	if n.Mail != nil && (event == EventRaised || event == EventEscalated) {
		item.Mail = n.Mail(p)
	}
	return n.Queue.EnqueueAlertNews(ctx, item)
}

// news names what changed since the receivers last heard of a, or "".
func news(prev resonanz.AlertTold, known bool, a *resonanz.Alert) string {
	switch {
	case !known:
		return EventRaised
	case a.Status != prev.Status:
		return "alert." + a.Status
	case a.Severity > prev.Severity:
		return EventEscalated
	}
	return ""
}
