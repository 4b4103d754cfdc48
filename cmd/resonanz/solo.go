package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/resonanz/resonanz/cluster"
	"github.com/resonanz/resonanz/route"
)

// leaseRetry is how often a node that does not lead tries to take the lease.
const leaseRetry = 2 * time.Second

// clustered tells whether this node may share its database with others
// (PostgreSQL), so that the work that must run once runs under a lease.
func (m *Main) clustered() bool { return m.Config.Database != "" }

// soloWork starts what only one node does, and returns how to stop it: the
// storm monitor and its quiet closer, routing, promise reminders, alert
// news, the weekly summary, event webhooks, channel polling and the voice
// collector. A node alone starts it before serving; in a cluster the node
// holding the lease does (cluster.Lead).
func (m *Main) soloWork(raise bool) cluster.Work {
	return func(ctx context.Context) (func(), error) {
		storms, err := m.startStorms(ctx, raise)
		if err != nil {
			return nil, fmt.Errorf("start storm monitor: %w", err)
		}
		m.storms.Set(storms)
		router := &route.Router{Store: m.DB, Settings: m.DB, Logger: m.Logger}
		routing, err := route.StartRunner(ctx, router, m.DB.RouterWake())
		if err != nil {
			m.storms.Set(nil)
			storms.Stop()
			return nil, fmt.Errorf("start routing: %w", err)
		}
		ctx, cancel := context.WithCancel(ctx)
		var loops sync.WaitGroup
		for _, loop := range []func(context.Context){m.reminderLoop(), m.newsLoop(), m.weeklyLoop(), m.eventHookLoop(), m.pollLoop(),
			m.quietLoop(storms.Warm()), m.voiceLoop()} {
			if loop != nil {
				loops.Go(func() { loop(ctx) })
			}
		}
		return func() {
			cancel()
			loops.Wait()
			m.storms.Set(nil)
			storms.Stop()
			routing.Close()
		}, nil
	}
}

// voiceLoop gathers praise and suggestions every half minute until its ctx ends.
func (m *Main) voiceLoop() func(context.Context) {
	return func(ctx context.Context) { m.voice.Run(ctx, 30*time.Second, make(chan struct{})) }
}
