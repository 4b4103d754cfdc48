// Package metrics counts what operators watch and writes it in the
// Prometheus text exposition format (version 0.0.4), by hand: a few
// counters and one histogram need no client library.
package metrics

import (
	"slices"
	"sync"
	"time"

	"github.com/resonanz/resonanz"
)

// LatencyBuckets are the upper bounds, in seconds, of the request latency
// histogram: a page should answer within 200 ms, an API batch within seconds.
var LatencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10}

// Registry holds the counters of one process; a restart starts them at 0,
// which Prometheus's rate() understands.
type Registry struct {
	mu       sync.Mutex
	ingested map[[2]string]uint64 // channel, outcome (created, duplicate)
	requests map[[2]string]*histogram
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
}

// New returns an empty registry.
func New() *Registry {
	return &Registry{ingested: map[[2]string]uint64{}, requests: map[[2]string]*histogram{}}
}

// ObserveIngest counts committed messages by channel and outcome; it is an ingest observer.
func (r *Registry) ObserveIngest(msgs []resonanz.IncomingMessage, results []resonanz.IngestResult) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, m := range msgs {
		outcome := "created"
		if i < len(results) && results[i].Duplicate {
			outcome = "duplicate"
		}
		r.ingested[[2]string{m.Channel, outcome}]++
	}
}

// ObserveRequest adds an answered request to the latency histogram of its
// route (the pattern, never the path: ids would make endless series).
func (r *Registry) ObserveRequest(route, code string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := [2]string{route, code}
	h := r.requests[key]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(LatencyBuckets)+1)}
		r.requests[key] = h
	}
	secs := d.Seconds()
	i, _ := slices.BinarySearch(LatencyBuckets, secs)
	h.counts[i]++
	h.sum += secs
}
