package alertmail

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/jobs"
)

// Worker sends the queued alert mails, one a job.
type Worker struct {
	river.WorkerDefaults[resonanz.AlertMailJob]
	// Mailer sends; nil: alert email is no longer configured, and the mail
	// is dropped.
	Mailer resonanz.AlertMailer
	// Backoff is the pause after a failed attempt; nil: jobs.DeliveryPause's.
	Backoff func(attempt int) time.Duration
	Logger  *slog.Logger
}

func (w *Worker) Work(ctx context.Context, job *river.Job[resonanz.AlertMailJob]) error {
	a := job.Args
	var err error
	if w.Mailer == nil {
		err = resonanz.Permanent(errors.New("alert email is no longer configured"))
	} else {
		err = w.Mailer.SendAlertMail(ctx, resonanz.AlertMail{ID: job.ID, To: a.To, Subject: a.Subject, Body: a.Body, AlertID: a.AlertID, Event: a.Event,
			Attempt: job.Attempt})
	}
	return jobs.Settle(w.Logger, "alert mail", job.JobRow, err, jobs.DeliveryPause(w.Backoff, job.Attempt),
		"to", a.To, "event", a.Event, "alert", a.AlertID)
}

func (w *Worker) NextRetry(job *river.Job[resonanz.AlertMailJob]) time.Time {
	return time.Now().Add(jobs.DeliveryPause(w.Backoff, job.Attempt))
}

func (w *Worker) Timeout(*river.Job[resonanz.AlertMailJob]) time.Duration { return 2 * time.Minute }
