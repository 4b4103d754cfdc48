package main

import (
	"context"

	"github.com/resonanz/resonanz/events"
	natsevents "github.com/resonanz/resonanz/events/nats"
	"github.com/resonanz/resonanz/presence"
	natspresence "github.com/resonanz/resonanz/presence/nats"
)

// openEvents passes live events and presence within this process, or
// through NATS to every node of the cluster when one is configured.
func (m *Main) openEvents(ctx context.Context) error {
	if m.Config.NATS == "" {
		m.Events, m.presence = events.NewBus(), presence.NewBoard()
		return nil
	}
	cluster, err := natsevents.Connect(ctx, m.Config.NATS, m.Config.NATSPrefix, m.Logger)
	if err != nil {
		return err
	}
	board, err := natspresence.Open(ctx, cluster.Conn(), m.Config.NATSPrefix, m.Logger)
	if err != nil {
		cluster.Close()
		return err
	}
	m.cluster, m.Events, m.presence = cluster, cluster, board
	return nil
}
