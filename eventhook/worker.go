package eventhook

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/jobs"
)

// Deliveries is what an event delivery loads and records (the store).
type Deliveries interface {
	EventDeliveryTarget(ctx context.Context, id int64) (d *resonanz.EventDelivery, url, secret string, ended bool, err error)
	RecordEventAttempt(ctx context.Context, id int64, state string, status int, problem string) error
}

// Worker makes one attempt at an event delivery a job run and has it
// written down.
type Worker struct {
	river.WorkerDefaults[resonanz.EventJob]
	Store Deliveries
	// Sender posts; nil: event webhooks are not configured, and the
	// delivery fails.
	Sender resonanz.EventSender
	// Backoff is the pause after a failed attempt; nil: jobs.DeliveryPause's.
	Backoff func(attempt int) time.Duration
	Logger  *slog.Logger
}

func (w *Worker) Work(ctx context.Context, job *river.Job[resonanz.EventJob]) error {
	d, url, secret, ended, err := w.Store.EventDeliveryTarget(ctx, job.Args.DeliveryID)
	if err != nil {
		return err
	}
	var status int
	switch {
	case ended:
		err = resonanz.Permanent(errors.New("unsubscribed"))
	case w.Sender == nil:
		err = resonanz.Permanent(errors.New("event webhooks are not configured"))
	default:
		status, err = w.Sender.SendEvent(ctx, d, url, secret)
	}
	state, problem := resonanz.DeliveryPending, ""
	switch {
	case err == nil:
		state = resonanz.DeliveryDelivered
	case resonanz.IsPermanent(err) || job.Attempt >= job.MaxAttempts:
		state, problem = resonanz.DeliveryFailed, err.Error()
	default:
		problem = err.Error()
	}
	if werr := w.Store.RecordEventAttempt(ctx, d.ID, state, status, problem); werr != nil {
		return werr
	}
	return jobs.Settle(w.Logger, "event webhook", job.JobRow, err, jobs.DeliveryPause(w.Backoff, job.Attempt),
		"receiver", jobs.ReceiverName(url), "event", d.Event, "delivery", d.ID)
}

func (w *Worker) NextRetry(job *river.Job[resonanz.EventJob]) time.Time {
	return time.Now().Add(jobs.DeliveryPause(w.Backoff, job.Attempt))
}

func (w *Worker) Timeout(*river.Job[resonanz.EventJob]) time.Duration { return time.Minute }
