package jobs

import (
	"log/slog"
	"net/url"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/resonanz/resonanz"
)

// deliveryPauses are the pauses after each failed attempt: ten attempts in
// about four hours ride out a receiver's restart or a night's maintenance.
var deliveryPauses = []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute,
	20 * time.Minute, 40 * time.Minute, time.Hour, 90 * time.Minute}

// DeliveryPause is the pause after failed attempt number attempt of a
// webhook, alert mail or event delivery: backoff's if set, else from 30 s
// growing to 90 min.
func DeliveryPause(backoff func(attempt int) time.Duration, attempt int) time.Duration {
	if backoff != nil {
		return backoff(attempt)
	}
	return deliveryPauses[min(max(attempt, 1), len(deliveryPauses))-1]
}

// Settle logs how a delivery attempt went and tells the queue what follows:
// a refusal cancels the job, any other failure retries it (after pause)
// until the last attempt.
func Settle(log *slog.Logger, what string, job *rivertype.JobRow, err error, pause time.Duration, attrs ...any) error {
	log = log.With(append(attrs, "attempt", job.Attempt, "max_attempts", job.MaxAttempts)...)
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
		log.Warn(what+" failed; will try again", "err", err, "pause", pause)
	}
	return err
}

// ReceiverName is the host of a webhook URL: its path may hold a token that
// does not belong in logs.
func ReceiverName(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Host
	}
	return "?"
}
