package outbox

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// pauses are the pauses after each failed attempt: twelve attempts with
// growing pauses ride out about six hours of a platform being away.
var pauses = []time.Duration{10 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute,
	10 * time.Minute, 20 * time.Minute, 30 * time.Minute, 45 * time.Minute, time.Hour, 2 * time.Hour}

// Replies is what sending a queued reply loads and records.
type Replies interface {
	PendingReply(ctx context.Context, id int64) (*store.PendingReply, error)
	HoldAgainstWish(ctx context.Context, p *store.PendingReply) (bool, error)
	ReplyFooter(ctx context.Context, p *store.PendingReply) (string, error)
	RecordSent(ctx context.Context, id int64, attempt int, sent *resonanz.Sent) error
	RecordAttempt(ctx context.Context, id int64, attempt int, state, reason string, next time.Time) error
}

// Worker sends the queued replies, one attempt a job run.
type Worker struct {
	river.WorkerDefaults[resonanz.OutboxJob]
	Replies Replies
	// Sender sends; nil: the replies wait.
	Sender resonanz.ReplySender
	// Backoff is the pause after a failed attempt; nil: from 10 s growing
	// to 2 h.
	Backoff func(attempt int) time.Duration
}

func (w *Worker) Work(ctx context.Context, job *river.Job[resonanz.OutboxJob]) error {
	return w.deliver(ctx, job.Args.OutboxID, job.Attempt, job.MaxAttempts)
}

func (w *Worker) NextRetry(job *river.Job[resonanz.OutboxJob]) time.Time {
	return time.Now().Add(w.pause(job.Attempt))
}

func (w *Worker) Timeout(*river.Job[resonanz.OutboxJob]) time.Duration { return 2 * time.Minute }

func (w *Worker) pause(attempt int) time.Duration {
	if w.Backoff != nil {
		return w.Backoff(attempt)
	}
	return pauses[min(max(attempt, 1), len(pauses))-1]
}

// deliver makes one attempt at sending a queued message and records how it
// went. It asks the consent check again first: a wish the customer stated
// after the message was queued holds it back.
func (w *Worker) deliver(ctx context.Context, id int64, attempt, maxAttempts int) error {
	p, err := w.Replies.PendingReply(ctx, id)
	if errors.Is(err, store.ErrNothingToSend) {
		return nil
	} else if err != nil {
		return err
	}
	if p.Paused || w.Sender == nil {
		return river.JobSnooze(time.Minute)
	}
	if held, err := w.Replies.HoldAgainstWish(ctx, p); err != nil {
		return err
	} else if held {
		return river.JobCancel(errors.New("held: the customer's wishes rule it out now"))
	}
	d := p.Delivery
	d.Attempt = attempt
	if d.Footer, err = w.Replies.ReplyFooter(ctx, p); err != nil {
		return err
	}
	sent, err := w.Sender.SendReply(ctx, d)
	if err == nil {
		return w.Replies.RecordSent(ctx, id, attempt, sent)
	}
	if reason, ok := resonanz.HeldReason(err); ok {
		if rerr := w.Replies.RecordAttempt(ctx, id, attempt, resonanz.OutboxHeld, reason, time.Time{}); rerr != nil {
			return rerr
		}
		return river.JobCancel(err)
	}
	if wait, ok := resonanz.RetryAfter(err); ok {
		if rerr := w.Replies.RecordAttempt(ctx, id, attempt, resonanz.OutboxPending, err.Error(), time.Now().Add(wait)); rerr != nil {
			return rerr
		}
		return river.JobSnooze(wait)
	}
	state, next := resonanz.OutboxPending, time.Now().Add(w.pause(attempt))
	if resonanz.IsPermanent(err) || attempt >= maxAttempts {
		state, next = resonanz.OutboxFailed, time.Time{}
	}
	if rerr := w.Replies.RecordAttempt(ctx, id, attempt, state, err.Error(), next); rerr != nil {
		return rerr
	}
	if state == resonanz.OutboxFailed {
		return river.JobCancel(err)
	}
	return err
}
