package throttle

import (
	"sync"
	"time"
)

// Rate lets each key (a client address sending a form) do a few things at
// once and then one per interval: a bucket of Burst tokens per key that
// refills by one every Every. Unlike a Limiter it counts every use, not
// failures; it is safe for concurrent use and its memory is bounded.
type Rate struct {
	burst int
	every time.Duration
	mu    sync.Mutex
	keys  map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was right
}

// NewRate returns a rate of burst uses at once, then one per every.
func NewRate(burst int, every time.Duration) *Rate {
	return &Rate{burst: burst, every: every, keys: map[string]*bucket{}}
}

// Take uses one token of key. It returns 0, or how long until the next
// token is there (nothing is used then).
func (r *Rate) Take(key string, now time.Time) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := r.keys[key]
	if b == nil {
		if len(r.keys) >= maxKeys {
			r.prune(now)
		}
		b = &bucket{tokens: float64(r.burst), at: now}
		r.keys[key] = b
	}
	b.tokens, b.at = r.tokensAt(b, now), now
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) * float64(r.every))
	}
	b.tokens--
	return 0
}

// tokensAt is what b holds at now, refilled since it was last right.
func (r *Rate) tokensAt(b *bucket, now time.Time) float64 {
	if !now.After(b.at) {
		return b.tokens
	}
	return min(float64(r.burst), b.tokens+float64(now.Sub(b.at))/float64(r.every))
}

// prune drops the keys whose bucket is full again (they are as new) and,
// if that is not enough, half of the others: a flood of addresses must not
// take the memory, and a dropped key only starts afresh.
func (r *Rate) prune(now time.Time) {
	for k, b := range r.keys {
		if r.tokensAt(b, now) >= float64(r.burst) {
			delete(r.keys, k)
		}
	}
	for k := range r.keys {
		if len(r.keys) < maxKeys/2 {
			return
		}
		delete(r.keys, k)
	}
}
