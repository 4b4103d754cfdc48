package main

import (
	"context"

	"github.com/resonanz/resonanz/events"
	natsevents "github.com/resonanz/resonanz/events/nats"
)

// openEvents passes live events within this process, or through NATS to
// every node of the cluster when one is configured.
func (m *Main) openEvents(ctx context.Context) error {
	if m.Config.NATS == "" {
		m.Events = events.NewBus()
		return nil
	}
	cluster, err := natsevents.Connect(ctx, m.Config.NATS, m.Config.NATSPrefix, m.Logger)
	if err != nil {
		return err
	}
	m.cluster, m.Events = cluster, cluster
	return nil
}
