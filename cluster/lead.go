// Package cluster runs the work that one node of several must do alone:
// the node that holds a lease does it, and another takes over when that
// node stops or dies.
package cluster

import (
	"context"
	"log/slog"
	"time"

	"github.com/resonanz/resonanz"
)

// Work starts what the lease holder does and returns how to stop it; ctx
// ends when the lease is lost.
type Work func(ctx context.Context) (stop func(), err error)

// Lead tries to take the lease name every retry and does work while it
// holds it, until ctx ends. Work that fails to start gives the lease back
// for another node to try.
func Lead(ctx context.Context, leases resonanz.LeaseService, name string, retry time.Duration, logger *slog.Logger, work Work) {
	for {
		lease, ok, err := leases.TakeLease(ctx, name)
		if err != nil && ctx.Err() == nil {
			logger.Warn("cluster: taking the lease failed", "lease", name, "err", err)
		}
		if ok {
			hold(ctx, lease, name, logger, work)
			lease.Release()
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(retry):
		}
	}
}

// hold does the work until the lease is lost or ctx ends.
func hold(ctx context.Context, lease resonanz.Lease, name string, logger *slog.Logger, work Work) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop, err := work(ctx)
	if err != nil {
		logger.Error("cluster: the lease holder's work did not start", "lease", name, "err", err)
		return
	}
	logger.Info("cluster: this node leads", "lease", name)
	select {
	case <-ctx.Done():
	case <-lease.Lost():
		logger.Warn("cluster: lease lost; stopping its work", "lease", name)
	}
	cancel()
	stop()
}
