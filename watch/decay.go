package watch

import (
	"math"
	"time"
)

// decayed counts how often keys occurred, each occurrence weighing less as
// it ages (halving every tau·ln 2), in a map of at most limit keys. When it
// is full the half of the keys with the smallest counts is dropped: a
// dropped key counts as never seen, which for a rare term is close to the
// truth, and a frequent term comes back at once. Adding is O(1) amortised.
type decayed struct {
	tau   float64 // seconds
	limit int
	// Counts are kept scaled by e^((t-origin)/tau) of the time t they were
	// added at, so that nothing needs to age them: dividing by the scale of
	// now does.
	origin int64
	counts map[string]float64
	total  float64 // the documents the keys occurred in (see addTotal)
	buf    []float64
}

func newDecayed(tau time.Duration, limit int) *decayed {
	return &decayed{tau: tau.Seconds(), limit: limit, counts: make(map[string]float64, limit)}
}

// scale returns the weight of an occurrence at t, moving the origin when
// the weights would overflow.
func (d *decayed) scale(t time.Time) float64 {
	if d.origin == 0 {
		d.origin = t.Unix()
	}
	x := float64(t.Unix()-d.origin) / d.tau
	if x > 300 {
		shrink := math.Exp(-x)
		for k := range d.counts {
			d.counts[k] *= shrink
		}
		d.total *= shrink
		d.origin, x = t.Unix(), 0
	}
	return math.Exp(x)
}

// add counts one occurrence of key at t.
func (d *decayed) add(key string, t time.Time) {
	w := d.scale(t)
	if _, ok := d.counts[key]; !ok && len(d.counts) >= d.limit {
		d.prune()
	}
	d.counts[key] += w
}

// addTotal counts a document, so that a key's count can be told as a share
// of them.
func (d *decayed) addTotal(t time.Time) { d.total += d.scale(t) }

// count returns the decayed count of key at t.
func (d *decayed) count(key string, t time.Time) float64 { return d.counts[key] / d.scale(t) }

// sum returns the decayed count of documents at t.
func (d *decayed) sum(t time.Time) float64 { return d.total / d.scale(t) }

// prune drops the half of the keys with the smallest counts.
func (d *decayed) prune() {
	d.buf = d.buf[:0]
	for _, c := range d.counts {
		d.buf = append(d.buf, c)
	}
	cut := nth(d.buf, len(d.buf)/2)
	for k, c := range d.counts {
		if c <= cut {
			delete(d.counts, k)
		}
	}
}
