// Package events passes news of what happened (an alert raised or changed,
// an agent opening a conversation) from the part that knows to the parts
// that show it, inside one process.
package events

import "sync"

// Kinds of news.
const (
	KindAlert = "alert"
	// KindPresence says that who views or writes in a conversation changed;
	// it leaves the version of the alerts as it is.
	KindPresence = "presence"
)

// Event is one piece of news.
type Event struct {
	Kind           string // KindAlert or KindPresence
	AlertID        int64
	ConversationID int64 // of presence news
}

// Bus delivers every published event to every current subscriber. A
// subscriber that does not keep up misses events rather than slowing the
// publisher; the UI then reloads the whole state at the next one.
type Bus struct {
	mu      sync.Mutex
	subs    map[chan Event]struct{}
	version uint64
}

// NewBus returns a bus without subscribers.
func NewBus() *Bus { return &Bus{subs: map[chan Event]struct{}{}} }

// Subscribe returns a channel of events and a function that ends the subscription.
func (b *Bus) Subscribe() (<-chan Event, func()) {
	ch := make(chan Event, 16)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
	}
}

// Publish sends e to every subscriber that has room for it.
func (b *Bus) Publish(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if e.Kind != KindPresence {
		b.version++
	}
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
		}
	}
}

// Subscribers is how many subscriptions are open, such as live pages.
func (b *Bus) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// Version counts the news of alerts published so far: what a page showed
// at one version is out of date once the version differs.
func (b *Bus) Version() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.version
}
