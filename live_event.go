package resonanz

// Kinds of live events.
const (
	// LiveAlert says that an alert was raised or changed.
	LiveAlert = "alert"
	// LivePresence says that who views or writes in a conversation changed;
	// it leaves the version of the alerts as it is.
	LivePresence = "presence"
)

// LiveEvent is news that open pages and the server's own watchers act on
// as it happens: an alert changed, an agent opened a conversation.
type LiveEvent struct {
	Kind           string // LiveAlert or LivePresence
	AlertID        int64  // of alert news
	ConversationID int64  // of presence news
}

// EventService passes live events from the part of the server that knows
// to the parts that show them: within one process, or to every node that
// shares the service. A subscriber that does not keep up misses events
// rather than slowing the publisher; pages then reload the whole state at
// the next one.
type EventService interface {
	// Publish tells every subscriber of e, its own node's included.
	Publish(e LiveEvent)
	// Subscribe returns a channel of events and a function that ends the
	// subscription; ending it twice is harmless.
	Subscribe() (<-chan LiveEvent, func())
	// Version counts the alert news passed on so far: what a page showed
	// at one version is out of date once the version differs. It has moved
	// by the time a subscriber receives the news.
	Version() uint64
	// Subscribers is how many subscriptions are open on this node, such
	// as live pages.
	Subscribers() int
}
