package route

import (
	"context"
	"time"
)

// routeEvery is how often the router looks for work it was not woken for,
// such as conversations another node of a cluster took in.
const routeEvery = 5 * time.Second

// Runner keeps routing beside the server.
type Runner struct {
	stop context.CancelFunc
	done chan struct{}
}

// StartRunner routes what arrived while no router ran (before the first
// page is served), then keeps routing whenever wake is signalled, as
// conversations change, and every few seconds.
func StartRunner(ctx context.Context, router *Router, wake <-chan struct{}) (*Runner, error) {
	if _, err := router.RouteAll(ctx); err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	r := &Runner{stop: stop, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		router.Run(ctx, wake, routeEvery)
	}()
	return r, nil
}

// Close stops routing.
func (r *Runner) Close() {
	r.stop()
	<-r.done
}
