package resonanz

import (
	"context"
	"errors"
)

// AlertNews is one change of an alert that people outside resonanz are told
// of: by a signed webhook to each receiver and, for a raised or escalated
// alert, by email.
type AlertNews struct {
	Event   string // alert.raised, alert.escalated, alert.acknowledged, alert.resolved
	AlertID int64
	Told    AlertTold  // what the receivers know once this news is out
	Payload []byte     // the webhook body, built when the news happened
	URLs    []string   // the webhook receivers
	Mail    *AlertMail // nil: no email for this news
}

// AlertTold is what the receivers last heard of an alert.
type AlertTold struct {
	Severity int
	Status   string
}

// AlertNewsQueue keeps alert news until every receiver has it, across restarts.
type AlertNewsQueue interface {
	// AlertTold returns what the receivers last heard of an alert; known is
	// false before its first news.
	AlertTold(ctx context.Context, alertID int64) (told AlertTold, known bool, err error)
	// EnqueueAlertNews records the news as told and queues one delivery per
	// URL and the email, all in one transaction.
	EnqueueAlertNews(ctx context.Context, n *AlertNews) error
}

// WebhookDelivery is one attempt to bring alert news to one receiver.
type WebhookDelivery struct {
	ID          int64 // the same for every attempt, so that a receiver can drop repeats
	URL         string
	Event       string
	AlertID     int64
	Payload     []byte
	Attempt     int // 1 for the first
	MaxAttempts int
}

// AlertMail is an email about an alert, as composed when the news happened.
type AlertMail struct {
	ID      int64 // the same for every attempt; set when it is sent
	To      []string
	Subject string
	Body    string
	AlertID int64
	Event   string
	Attempt int // 1 for the first; set when it is sent
}

// WebhookDeliverer makes one attempt at a queued webhook delivery of alert
// news; a Permanent error ends it.
type WebhookDeliverer interface {
	DeliverWebhook(ctx context.Context, d WebhookDelivery) error
}

// AlertMailer makes one attempt at sending a queued alert mail; a Permanent
// error ends it.
type AlertMailer interface {
	SendAlertMail(ctx context.Context, m AlertMail) error
}

// Permanent marks a delivery error that trying again cannot mend, such as a
// receiver that refuses the request.
func Permanent(err error) error { return permanentError{err} }

// IsPermanent reports whether err, or an error it wraps, was marked Permanent.
func IsPermanent(err error) bool { return errors.As(err, new(permanentError)) }

type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }
