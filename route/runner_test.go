package route_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/resonanz/resonanz/route"
)

// timersSpy records that the timers were started, or fails to start them.
type timersSpy struct {
	started bool
	err     error
}

func (s *timersSpy) StartTimers(ctx context.Context, logger *slog.Logger) error {
	s.started = true
	return s.err
}

func TestRunnerRoutesAtStartAndWhenWoken(t *testing.T) {
	f := newRoutingFixture(t)
	waiting := f.write(t, "k1", "Mein Paket ist nicht angekommen")
	wake := make(chan struct{})
	timers := &timersSpy{}
	r, err := route.StartRunner(context.Background(), f.router, wake, timers)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if c := f.conversation(t, waiting); c.TeamID != f.team.ID {
		t.Fatalf("the conversation that waited for resonanz to start went to team %d, want Versand before the first page is served", c.TeamID)
	}
	if !timers.started {
		t.Fatal("the SLA timers were not started")
	}

	later := f.write(t, "k2", "Mein Paket ist auch nicht angekommen")
	wake <- struct{}{} // taken once the router waits for work
	wake <- struct{}{} // taken once it has routed what the first woke it for
	if c := f.conversation(t, later); c.TeamID != f.team.ID {
		t.Fatalf("the conversation written while running went to team %d, want Versand once the router is woken", c.TeamID)
	}
}

func TestRunnerFailsWhenTimersDoNotStart(t *testing.T) {
	f := newRoutingFixture(t)
	broken := errors.New("no timers")
	if _, err := route.StartRunner(context.Background(), f.router, make(chan struct{}), &timersSpy{err: broken}); !errors.Is(err, broken) {
		t.Fatalf("StartRunner returned %v, want the timers' error", err)
	}
}
