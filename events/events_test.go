package events_test

import (
	"testing"

	"github.com/resonanz/resonanz/events"
)

func TestBus(t *testing.T) {
	bus := events.NewBus()
	a, cancelA := bus.Subscribe()
	b, cancelB := bus.Subscribe()
	before := bus.Version()
	bus.Publish(events.Event{Kind: "alert", AlertID: 7})
	if bus.Version() == before {
		t.Fatal("publishing left the version as it was")
	}
	if e := <-a; e.AlertID != 7 {
		t.Fatalf("a got %+v", e)
	}
	if e := <-b; e.AlertID != 7 {
		t.Fatalf("b got %+v", e)
	}
	if n := bus.Subscribers(); n != 2 {
		t.Fatalf("%d subscribers, want 2", n)
	}
	cancelA()
	cancelA() // ending twice is harmless
	if n := bus.Subscribers(); n != 1 {
		t.Fatalf("%d subscribers after one ended, want 1", n)
	}
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

// Presence news reach subscribers but leave the alert banners as they are.
func TestPresenceKeepsVersion(t *testing.T) {
	bus := events.NewBus()
	sub, cancel := bus.Subscribe()
	defer cancel()
	before := bus.Version()
	bus.Publish(events.Event{Kind: events.KindPresence, ConversationID: 3})
	if e := <-sub; e.ConversationID != 3 {
		t.Fatalf("got %+v", e)
	}
	if bus.Version() != before {
		t.Fatal("presence news moved the alert version")
	}
}
