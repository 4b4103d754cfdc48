package main

import (
	"context"

	"github.com/resonanz/resonanz/route"
)

// startRouting starts the router and the SLA timers beside the server.
func (m *Main) startRouting(ctx context.Context) (err error) {
	router := &route.Router{Store: m.DB, Settings: m.DB, Logger: m.Logger}
	m.routing, err = route.StartRunner(ctx, router, m.DB.RouterWake(), m.DB)
	return err
}
