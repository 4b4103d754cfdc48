package main

import (
	"context"
	"time"

	"github.com/resonanz/resonanz/eventhook"
)

// eventHookPause is how often the event webhooks look for what happened.
const eventHookPause = 2 * time.Second

// eventHookLoop queues event webhook deliveries until its ctx ends. Their
// sender leaves through the guarded outbound client, as the alert webhooks do.
func (m *Main) eventHookLoop() func(context.Context) {
	d := &eventhook.Dispatcher{Feed: m.DB, Logger: m.Logger}
	return func(ctx context.Context) { d.Run(ctx, eventHookPause) }
}
