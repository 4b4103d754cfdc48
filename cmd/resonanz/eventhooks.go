package main

import (
	"context"
	"time"

	"github.com/resonanz/resonanz/eventhook"
)

// eventHookPause is how often the event webhooks look for what happened.
const eventHookPause = 2 * time.Second

// startEventHooks queues event webhook deliveries until ctx ends. Their
// sender leaves through the guarded outbound client, as the alert webhooks do.
func (m *Main) startEventHooks(ctx context.Context) {
	d := &eventhook.Dispatcher{Feed: m.DB, Logger: m.Logger}
	m.eventHooksDone = make(chan struct{})
	go func() {
		defer close(m.eventHooksDone)
		d.Run(ctx, eventHookPause)
	}()
}
