package route

import (
	"context"
	"log/slog"
	"time"
)

// routeEvery is how often the router looks for work it was not woken for.
const routeEvery = 5 * time.Second

// Timers fire the warnings and breaches of the answer-time clocks.
type Timers interface {
	StartTimers(ctx context.Context, logger *slog.Logger) error
}

// Runner keeps routing and the SLA timers going beside the server.
type Runner struct {
	stop context.CancelFunc
	done chan struct{}
}

// StartRunner routes what arrived while resonanz was down (before the first
// page is served), then keeps routing whenever wake is signalled, as
// conversations change, and starts the timers.
func StartRunner(ctx context.Context, router *Router, wake <-chan struct{}, timers Timers) (*Runner, error) {
	if _, err := router.RouteAll(ctx); err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	r := &Runner{stop: stop, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		router.Run(ctx, wake, routeEvery)
	}()
	if err := timers.StartTimers(ctx, router.Logger); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// Close stops routing and the timers.
func (r *Runner) Close() {
	r.stop()
	<-r.done
}
