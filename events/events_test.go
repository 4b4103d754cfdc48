package events_test

import (
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/events/eventstest"
)

// The bus of one process is the whole cluster: every node is the bus itself.
func TestBusContract(t *testing.T) {
	eventstest.Run(t, func(t *testing.T) eventstest.Join {
		bus := events.NewBus()
		return func() resonanz.EventService { return bus }
	})
}
