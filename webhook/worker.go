package webhook

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/jobs"
)

// Worker delivers queued alert news to one webhook receiver a job.
type Worker struct {
	river.WorkerDefaults[resonanz.WebhookJob]
	// Deliverer posts; nil: webhooks are no longer configured, and the
	// news is dropped.
	Deliverer resonanz.WebhookDeliverer
	// Backoff is the pause after a failed attempt; nil: jobs.DeliveryPause's.
	Backoff func(attempt int) time.Duration
	Logger  *slog.Logger
}

func (w *Worker) Work(ctx context.Context, job *river.Job[resonanz.WebhookJob]) error {
	a := job.Args
	var err error
	if w.Deliverer == nil {
		err = resonanz.Permanent(errors.New("webhooks are no longer configured"))
	} else {
		err = w.Deliverer.DeliverWebhook(ctx, resonanz.WebhookDelivery{ID: job.ID, URL: a.URL, Event: a.Event, AlertID: a.AlertID, Payload: a.Payload,
			Attempt: job.Attempt, MaxAttempts: job.MaxAttempts})
	}
	return jobs.Settle(w.Logger, "webhook", job.JobRow, err, jobs.DeliveryPause(w.Backoff, job.Attempt),
		"receiver", jobs.ReceiverName(a.URL), "event", a.Event, "alert", a.AlertID)
}

func (w *Worker) NextRetry(job *river.Job[resonanz.WebhookJob]) time.Time {
	return time.Now().Add(jobs.DeliveryPause(w.Backoff, job.Attempt))
}

func (w *Worker) Timeout(*river.Job[resonanz.WebhookJob]) time.Duration { return time.Minute }
