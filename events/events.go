// Package events passes live events (an alert raised or changed, an agent
// opening a conversation) from the part that knows to the parts that show
// it, inside one process. Package events/nats does the same between the
// nodes of a cluster.
package events

import (
	"sync/atomic"

	"github.com/resonanz/resonanz"
)

// Bus is the EventService of one process.
type Bus struct {
	Fanout
	version atomic.Uint64
}

var _ resonanz.EventService = (*Bus)(nil)

// NewBus returns a bus without subscribers.
func NewBus() *Bus { return &Bus{} }

// Publish sends e to every subscriber that has room for it.
func (b *Bus) Publish(e resonanz.LiveEvent) {
	if e.Kind != resonanz.LivePresence {
		b.version.Add(1)
	}
	b.Send(e)
}

// Version counts the news of alerts published so far.
func (b *Bus) Version() uint64 { return b.version.Load() }
