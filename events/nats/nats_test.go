package nats_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events/eventstest"
	"github.com/resonanz/resonanz/events/nats"
	"github.com/resonanz/resonanz/events/nats/natstest"
)

// Every node of a cluster is a connection of its own to the shared server,
// with a subject prefix no other test uses.
func TestNATSContract(t *testing.T) {
	url := natstest.URL(t)
	eventstest.Run(t, func(t *testing.T) eventstest.Join {
		prefix := natstest.Prefix(t, url)
		return func() resonanz.EventService { return natstest.Join(t, url, prefix) }
	})
}

func TestBadPrefix(t *testing.T) {
	for _, prefix := range []string{"", "resonanz.>", "two words", "a..b", "*"} {
		if _, err := nats.Connect(context.Background(), "nats://127.0.0.1:1", prefix, slog.Default()); err == nil || !strings.Contains(err.Error(), "prefix") {
			t.Errorf("prefix %q: %v, want it refused", prefix, err)
		}
	}
}
