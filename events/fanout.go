package events

import (
	"sync"

	"github.com/resonanz/resonanz"
)

// buffer is how many events a subscriber may fall behind before it misses some.
const buffer = 16

// Fanout hands every event sent to every current subscriber that has room
// for it. The zero value has no subscribers.
type Fanout struct {
	mu   sync.Mutex
	subs map[chan resonanz.LiveEvent]struct{}
}

// Subscribe returns a channel of events and a function that ends the subscription.
func (f *Fanout) Subscribe() (<-chan resonanz.LiveEvent, func()) {
	ch := make(chan resonanz.LiveEvent, buffer)
	f.mu.Lock()
	if f.subs == nil {
		f.subs = map[chan resonanz.LiveEvent]struct{}{}
	}
	f.subs[ch] = struct{}{}
	f.mu.Unlock()
	return ch, func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, ok := f.subs[ch]; ok {
			delete(f.subs, ch)
			close(ch)
		}
	}
}

// Send gives e to every subscriber that has room for it.
func (f *Fanout) Send(e resonanz.LiveEvent) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs {
		select {
		case ch <- e:
		default:
		}
	}
}

// Subscribers is how many subscriptions are open, such as live pages.
func (f *Fanout) Subscribers() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.subs)
}
