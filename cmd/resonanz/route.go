package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/route"
	"github.com/resonanz/resonanz/store"
)

// routing runs the router and the timers beside the server.
type routing struct {
	stop context.CancelFunc
	done chan struct{}
}

// routeEvery is how often the router looks for work it was not woken for.
const routeEvery = 5 * time.Second

// startRouting routes what arrived while resonanz was down (before the
// first page is served), then keeps routing as conversations change, and
// starts the SLA timers.
func startRouting(ctx context.Context, db *store.DB, logger *slog.Logger) (*routing, error) {
	router := &route.Router{Store: db, Settings: db, Logger: logger}
	if _, err := router.RouteAll(ctx); err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	r := &routing{stop: stop, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		router.Run(ctx, db.RouterWake(), routeEvery)
	}()
	if err := db.StartTimers(ctx, logger); err != nil {
		r.close()
		return nil, err
	}
	return r, nil
}

func (r *routing) close() {
	r.stop()
	<-r.done
}

// tryRules routes a sample message with rules that are not saved yet.
func tryRules(rules []*resonanz.Rule, in *resonanz.RouteInput) resonanz.RouteDecision {
	return route.NewEngine(rules).Route(in)
}

// checkCalendar tells a lead what is wrong with a calendar before it is saved.
func checkCalendar(c *resonanz.Calendar) error {
	_, err := route.Compile(c)
	return err
}
