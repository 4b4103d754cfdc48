package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Deliveries of alert news run in a queue of their own, so that a slow
// receiver never holds back an SLA timer, one at a time, so that a receiver
// hears of an alert's raise before its escalation (unless the raise has to
// be tried again).
const (
	deliveryQueue    = "deliveries"
	deliveryAttempts = 10
)

// deliveryPauses are the pauses after each failed attempt: ten attempts in
// about four hours ride out a receiver's restart or a night's maintenance.
var deliveryPauses = []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute,
	20 * time.Minute, 40 * time.Minute, time.Hour, 90 * time.Minute}

// webhookJob is one alert news for one receiver; the body is kept as it was
// when the news happened, and signed anew at each attempt.
type webhookJob struct {
	URL     string   `json:"url"`
	Event   string   `json:"event"`
	AlertID int64    `json:"alert_id"`
	Payload keptBody `json:"payload"`
}

func (webhookJob) Kind() string { return "webhook_delivery" }

func (webhookJob) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: deliveryQueue, MaxAttempts: deliveryAttempts}
}

// mailJob is one email about an alert, as composed when the news happened.
type mailJob struct {
	To      []string `json:"to"`
	Subject string   `json:"subject"`
	Body    string   `json:"body"`
	AlertID int64    `json:"alert_id"`
	Event   string   `json:"event"`
}

func (mailJob) Kind() string { return "alert_mail" }

func (mailJob) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: deliveryQueue, MaxAttempts: deliveryAttempts}
}

// AlertTold returns what the receivers last heard of an alert.
func (db *DB) AlertTold(ctx context.Context, alertID int64) (resonanz.AlertTold, bool, error) {
	var t resonanz.AlertTold
	err := db.read.QueryRowContext(ctx, `SELECT severity, status FROM alert_news WHERE alert_id = ?`, alertID).Scan(&t.Severity, &t.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return t, false, nil
	} else if err != nil {
		return t, false, fmt.Errorf("store: alert told: %w", err)
	}
	return t, true, nil
}

// EnqueueAlertNews records the news as told and queues its deliveries in the
// same transaction: the news is either told and queued, or neither.
func (db *DB) EnqueueAlertNews(ctx context.Context, n *resonanz.AlertNews) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin alert news: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO alert_news (alert_id, severity, status) VALUES (?, ?, ?)
		ON CONFLICT (alert_id) DO UPDATE SET severity = excluded.severity, status = excluded.status`,
		n.AlertID, n.Told.Severity, n.Told.Status); err != nil {
		return fmt.Errorf("store: alert news: %w", err)
	}
	if err := db.queueNews(ctx, tx, n); err != nil {
		return fmt.Errorf("store: queue alert news: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit alert news: %w", err)
	}
	return nil
}

// EnqueueNews queues deliveries of news that is not about an alert (a
// channel account failing): nothing is remembered as told.
func (db *DB) EnqueueNews(ctx context.Context, n *resonanz.AlertNews) error {
	return db.inTx(ctx, "queue news", func(tx *sql.Tx) error { return db.queueNews(ctx, tx, n) })
}

// queueNews inserts one webhook delivery per URL and the email, in tx.
func (db *DB) queueNews(ctx context.Context, tx *sql.Tx, n *resonanz.AlertNews) error {
	var jobs []river.InsertManyParams
	for _, u := range n.URLs {
		jobs = append(jobs, river.InsertManyParams{Args: webhookJob{URL: u, Event: n.Event, AlertID: n.AlertID, Payload: n.Payload}})
	}
	if m := n.Mail; m != nil {
		jobs = append(jobs, river.InsertManyParams{Args: mailJob{To: m.To, Subject: m.Subject, Body: m.Body, AlertID: n.AlertID, Event: n.Event}})
	}
	if len(jobs) == 0 {
		return nil
	}
	_, err := db.timers.client.InsertManyTx(ctx, tx, jobs)
	return err
}

// SetWebhookDeliverer gives the store what posts queued alert news to
// webhooks; set it before StartTimers.
func (db *DB) SetWebhookDeliverer(d resonanz.WebhookDeliverer) { db.webhooks = d }

// SetAlertMailer gives the store what sends queued alert mails; set it
// before StartTimers.
func (db *DB) SetAlertMailer(m resonanz.AlertMailer) { db.alertMail = m }

type webhookWorker struct {
	river.WorkerDefaults[webhookJob]
	db *DB
}

func (w *webhookWorker) Work(ctx context.Context, job *river.Job[webhookJob]) error {
	a := job.Args
	var err error
	if w.db.webhooks == nil {
		err = resonanz.Permanent(errors.New("webhooks are no longer configured"))
	} else {
		err = w.db.webhooks.DeliverWebhook(ctx, resonanz.WebhookDelivery{ID: job.ID, URL: a.URL, Event: a.Event, AlertID: a.AlertID, Payload: a.Payload,
			Attempt: job.Attempt, MaxAttempts: job.MaxAttempts})
	}
	return w.db.settle("webhook", job.JobRow, err, "receiver", receiverName(a.URL), "event", a.Event, "alert", a.AlertID)
}

func (w *webhookWorker) NextRetry(job *river.Job[webhookJob]) time.Time {
	return time.Now().Add(w.db.deliveryPause(job.Attempt))
}

func (w *webhookWorker) Timeout(*river.Job[webhookJob]) time.Duration { return time.Minute }

type mailWorker struct {
	river.WorkerDefaults[mailJob]
	db *DB
}

func (w *mailWorker) Work(ctx context.Context, job *river.Job[mailJob]) error {
	a := job.Args
	var err error
	if w.db.alertMail == nil {
		err = resonanz.Permanent(errors.New("alert email is no longer configured"))
	} else {
		err = w.db.alertMail.SendAlertMail(ctx, resonanz.AlertMail{ID: job.ID, To: a.To, Subject: a.Subject, Body: a.Body, AlertID: a.AlertID, Event: a.Event,
			Attempt: job.Attempt})
	}
	return w.db.settle("alert mail", job.JobRow, err, "to", a.To, "event", a.Event, "alert", a.AlertID)
}

func (w *mailWorker) NextRetry(job *river.Job[mailJob]) time.Time {
	return time.Now().Add(w.db.deliveryPause(job.Attempt))
}

func (w *mailWorker) Timeout(*river.Job[mailJob]) time.Duration { return 2 * time.Minute }

// settle logs how a delivery attempt went and tells River what follows: a
// refusal cancels the job, any other failure retries it until the last attempt.
func (db *DB) settle(what string, job *rivertype.JobRow, err error, attrs ...any) error {
	log := db.timers.logger.With(append(attrs, "attempt", job.Attempt, "max_attempts", job.MaxAttempts)...)
	switch {
	case err == nil:
		log.Info(what + " delivered")
		return nil
	case resonanz.IsPermanent(err):
		log.Error(what+" refused; not tried again", "err", err)
		return river.JobCancel(err)
	case job.Attempt >= job.MaxAttempts:
		log.Error(what+" failed; giving up", "err", err)
	default:
		log.Warn(what+" failed; will try again", "err", err, "pause", db.deliveryPause(job.Attempt))
	}
	return err
}

func (db *DB) deliveryPause(attempt int) time.Duration {
	if db.DeliveryBackoff != nil {
		return db.DeliveryBackoff(attempt)
	}
	return deliveryPauses[min(max(attempt, 1), len(deliveryPauses))-1]
}

// receiverName is the host of a webhook URL: its path may hold a token that
// does not belong in logs.
func receiverName(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Host
	}
	return "?"
}
