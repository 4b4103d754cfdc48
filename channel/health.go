package channel

import (
	"context"
	"log/slog"
	"time"

	"github.com/resonanz/resonanz"
)

// Alerter is told when an account turns red, so that people hear of it at once.
type Alerter interface {
	ChannelFailing(ctx context.Context, a *resonanz.ChannelAccount, h resonanz.ChannelHealth) error
}

// Health records how each account's fetching and sending goes. An account
// that fails FailingAfter times in a row turns red, and the alerters are
// told once, when it turns: Chatwoot's users learn of a dead inbox from
// their customers; resonanz's learn of it from resonanz.
type Health struct {
	Accounts resonanz.ChannelAccountService
	Alerters []Alerter
	Logger   *slog.Logger
}

// Record notes the outcome of one fetch or send; next is when a failed
// account is tried again.
func (h *Health) Record(ctx context.Context, a *resonanz.ChannelAccount, err error, next time.Time) {
	if err == nil {
		if rerr := h.Accounts.RecordChannelSuccess(ctx, a.ID); rerr != nil {
			h.Logger.Error("record channel success", "account", a.ID, "err", rerr)
		}
		return
	}
	health, rerr := h.Accounts.RecordChannelFailure(ctx, a.ID, err.Error(), next)
	if rerr != nil {
		h.Logger.Error("record channel failure", "account", a.ID, "err", rerr)
		return
	}
	h.Logger.Warn("channel account failed", "account", a.ID, "name", a.Name, "failures", health.Failures, "err", err)
	if health.Failures != resonanz.FailingAfter {
		return
	}
	for _, al := range h.Alerters {
		if aerr := al.ChannelFailing(ctx, a, health); aerr != nil {
			h.Logger.Error("tell of a failing channel account", "account", a.ID, "err", aerr)
		}
	}
}

// pauses are how long a failing account rests before the next fetch.
var pauses = []time.Duration{15 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute}

// Backoff is the pause after the given number of failures in a row.
func Backoff(failures int) time.Duration {
	return pauses[min(max(failures, 1), len(pauses))-1]
}
