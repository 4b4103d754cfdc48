// Package throttle slows down guessing. After a few failures a key (a login,
// a client address) must wait before its next try, twice as long after each
// further failure, up to a limit. Every wait ends, and a key that stays quiet
// is forgotten, so nobody is locked out for good. The clock is passed in;
// a Limiter is safe for concurrent use.
package throttle

import (
	"sync"
	"time"
)

// Policy says how a key's waits grow.
type Policy struct {
	Free   int           // failures allowed before the first wait
	First  time.Duration // the first wait; each further failure doubles it
	Max    time.Duration // the longest wait
	Forget time.Duration // a key without a failure for this long after its wait starts afresh
}

// maxKeys bounds the memory of a Limiter; beyond it, keys that do not wait are dropped.
const maxKeys = 100_000

// Limiter counts failures per key.
type Limiter struct {
	policy Policy
	mu     sync.Mutex
	keys   map[string]*state
}

type state struct {
	failures int
	until    time.Time // no try before this
	last     time.Time // the last counted try
	alarmed  bool      // Alarm has told of this burst
}

// New returns a limiter with the given policy.
func New(p Policy) *Limiter {
	return &Limiter{policy: p, keys: map[string]*state{}}
}

// Try asks whether key may try now. It returns how long key must still wait,
// or 0 and counts the try as a failure until Succeeded takes it back: so
// parallel guesses cannot all slip through while the first is being checked.
func (l *Limiter) Try(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.keys[key]
	if s != nil && l.forgotten(s, now) {
		delete(l.keys, key)
		s = nil
	}
	if s == nil {
		if len(l.keys) >= maxKeys {
			l.prune(now)
		}
		s = &state{}
		l.keys[key] = s
	}
	if wait := s.until.Sub(now); wait > 0 {
		return wait
	}
	s.failures++
	s.last = now
	if s.failures >= l.policy.Free {
		s.until = now.Add(l.wait(s.failures - l.policy.Free))
	}
	return 0
}

// wait is the pause after the n-th failure beyond the free ones (from 0).
func (l *Limiter) wait(n int) time.Duration {
	d := l.policy.First
	for ; n > 0 && d < l.policy.Max; n-- {
		d *= 2
	}
	return min(d, l.policy.Max)
}

// Succeeded takes back the failure the last try of key counted. With reset
// it forgets all of key's failures: a right password ends an account's burst,
// but not an address's, where others may go on guessing.
func (l *Limiter) Succeeded(key string, reset bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.keys[key]
	switch {
	case s == nil:
	case reset || s.failures <= 1:
		delete(l.keys, key)
	default:
		// Earlier failures that reached the free ones keep their wait.
		if s.failures--; s.failures < l.policy.Free {
			s.until = time.Time{}
		}
	}
}

// Alarm reports true once per burst of failures: the first time it is asked
// while key has to wait. A burst ends when the key is forgotten.
func (l *Limiter) Alarm(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.keys[key]
	if s == nil || s.alarmed || !s.until.After(now) {
		return false
	}
	s.alarmed = true
	return true
}

// forgotten reports whether s has been quiet for the policy's Forget since its last try or wait.
func (l *Limiter) forgotten(s *state, now time.Time) bool {
	quiet := s.last
	if s.until.After(quiet) {
		quiet = s.until
	}
	return now.Sub(quiet) >= l.policy.Forget
}

// prune drops forgotten keys and, if that is not enough, every key that does not wait.
func (l *Limiter) prune(now time.Time) {
	for k, s := range l.keys {
		if l.forgotten(s, now) {
			delete(l.keys, k)
		}
	}
	if len(l.keys) < maxKeys {
		return
	}
	for k, s := range l.keys {
		if !s.until.After(now) {
			delete(l.keys, k)
		}
	}
}
