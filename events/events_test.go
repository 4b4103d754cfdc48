package events_test

import (
	"testing"

	"github.com/resonanz/resonanz/events"
)

func TestBus(t *testing.T) {
	bus := events.NewBus()
	a, cancelA := bus.Subscribe()
	b, cancelB := bus.Subscribe()
	bus.Publish(events.Event{Kind: "alert", AlertID: 7})
	if e := <-a; e.AlertID != 7 {
		t.Fatalf("a got %+v", e)
	}
	if e := <-b; e.AlertID != 7 {
		t.Fatalf("b got %+v", e)
	}
	cancelA()
	cancelA() // ending twice is harmless
	if _, open := <-a; open {
		t.Fatal("a still open after cancel")
	}
	for i := 0; i < 100; i++ { // a slow subscriber never blocks the publisher
		bus.Publish(events.Event{Kind: "alert", AlertID: int64(i)})
	}
	if n := len(b); n != cap(b) {
		t.Fatalf("b holds %d events, want a full buffer of %d", n, cap(b))
	}
	cancelB()
}
