// Package voice passes the voice of the customer on: praise to the people and
// teams it names, improvement suggestions to the board.
package voice

import (
	"context"
	"log/slog"
	"time"

	"github.com/resonanz/resonanz"
)

// batch is how many messages one transaction takes.
const batch = 200

// Store records praise and suggestions from the messages stored since it last looked.
type Store interface {
	CollectVoice(ctx context.Context, limit int) (int, error)
}

// Collector takes praise and suggestions from new customer messages, after
// every ingest and once at start, so that nothing stored while it was down
// is missed.
type Collector struct {
	store  Store
	logger *slog.Logger
	wake   chan struct{}
}

// NewCollector returns a collector for the store.
func NewCollector(store Store, logger *slog.Logger) *Collector {
	return &Collector{store: store, logger: logger, wake: make(chan struct{}, 1)}
}

// Observe is an ingest observer: newly stored messages wake the collector.
func (c *Collector) Observe(_ []resonanz.IncomingMessage, results []resonanz.IngestResult) {
	for _, r := range results {
		if r.Analysis != nil && (r.Analysis.Kind == resonanz.KindPraise || r.Analysis.Kind == resonanz.KindSuggestion) {
			select {
			case c.wake <- struct{}{}:
			default:
			}
			return
		}
	}
}

// Run collects until ctx ends, then closes done: when woken, and every
// interval for praise that waited for its conversation to be routed.
func (c *Collector) Run(ctx context.Context, interval time.Duration, done chan<- struct{}) {
	defer close(done)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if err := c.CollectAll(ctx); err != nil && ctx.Err() == nil {
			c.logger.Error("collect praise and suggestions", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-c.wake:
		case <-tick.C:
		}
	}
}

// CollectAll takes every message waiting.
func (c *Collector) CollectAll(ctx context.Context) error {
	for {
		n, err := c.store.CollectVoice(ctx, batch)
		if err != nil || n < batch {
			return err
		}
	}
}
