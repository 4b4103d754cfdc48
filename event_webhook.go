package resonanz

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Event kinds a webhook subscription can ask for.
const (
	EventMessageReceived      = "message.received"
	EventConversationAssigned = "conversation.assigned"
	EventConversationSolved   = "conversation.solved"
	EventSLABreached          = "sla.breached"
	EventPromiseDue           = "promise.due"
	EventPromiseBroken        = "promise.broken"
	EventAlertRaised          = "alert.raised"
	EventAlertEscalated       = "alert.escalated"
	EventAlertResolved        = "alert.resolved"
)

// EventKinds lists every event kind, in the order the settings show them.
var EventKinds = []string{EventMessageReceived, EventConversationAssigned, EventConversationSolved, EventSLABreached,
	EventPromiseDue, EventPromiseBroken, EventAlertRaised, EventAlertEscalated, EventAlertResolved}

// EventSubscription is a receiver of event webhooks: every event of its
// kinds is posted to its URL, signed with its secret.
type EventSubscription struct {
	ID        int64
	URL       string
	Events    []string
	CreatedAt time.Time
}

// Validate checks a new subscription's address and event kinds.
func (s *EventSubscription) Validate() error {
	s.URL = strings.TrimSpace(s.URL)
	u, err := url.Parse(s.URL)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(s.URL) > 2000:
		return FieldError("url", "Enter the receiver's address as an http or https URL.").Keyed("eventhooks.url.bad")
	case len(s.Events) == 0:
		return FieldError("events", "Choose at least one event.").Keyed("eventhooks.events.none")
	}
	for _, e := range s.Events {
		if !slices.Contains(EventKinds, e) {
			return FieldError("events", "Unknown event %q.", e).Keyed("eventhooks.events.unknown")
		}
	}
	slices.Sort(s.Events)
	s.Events = slices.Compact(s.Events)
	return nil
}

// Wants reports whether the subscription asked for events of kind.
func (s *EventSubscription) Wants(kind string) bool { return slices.Contains(s.Events, kind) }

// States of an event delivery.
const (
	DeliveryPending   = "pending"   // queued, or failed and tried again later
	DeliveryDelivered = "delivered" // the receiver answered 2xx
	DeliveryFailed    = "failed"    // the receiver refused it, or every attempt failed
)

// EventDelivery is one event for one subscription, with how its attempts went.
type EventDelivery struct {
	ID             int64
	SubscriptionID int64
	Event          string
	EventID        string // the same for every receiver of one event
	Payload        []byte
	State          string
	Attempts       int
	LastStatus     int // the receiver's last HTTP status; 0: no answer
	LastError      string
	CreatedAt      time.Time
	DeliveredAt    time.Time // zero: not delivered
}

// EventFact is something that happened which a webhook may tell of: an
// inbound message, an audit entry of a conversation, or a step of an alert.
type EventFact struct {
	Source         string // EventSourceMessage, EventSourceAudit, EventSourceAlert
	ID             int64  // its id in the source
	Kind           string // the audit or alert step kind; "" for messages
	ConversationID int64
	MessageID      int64
	AlertID        int64
	UserName       string // who did it; "" for resonanz itself or a customer
	Params         Params
	At             time.Time
}

// Sources of event facts, each read in the order of its ids.
const (
	EventSourceMessage = "message"
	EventSourceAudit   = "audit"
	EventSourceAlert   = "alert"
)

// EventOut is an event ready to be delivered to every subscription that wants its kind.
type EventOut struct {
	Kind    string
	ID      string // unique across sources, e.g. "audit-42"
	At      time.Time
	Payload []byte
}

// EventFeed is where the event dispatcher reads what happened and queues
// deliveries.
type EventFeed interface {
	// EventFacts returns up to limit facts of each source after its cursor,
	// and the cursors they were read from.
	EventFacts(ctx context.Context, limit int) (facts []*EventFact, cursors map[string]int64, err error)
	// QueueEvents queues one delivery of each event for every subscription
	// that wants it, and moves the cursors from read to next, in one
	// transaction; ECONFLICT if another dispatcher moved them meanwhile.
	QueueEvents(ctx context.Context, events []*EventOut, read, next map[string]int64) error
	// SkipUnheardEvents moves the cursors past every fact while no
	// subscription is live, and reports whether none was: what happens
	// while nobody listens is nobody's event.
	SkipUnheardEvents(ctx context.Context) (bool, error)
}

// EventWebhookService keeps subscriptions and their delivery log.
type EventWebhookService interface {
	// Subscribe stores a subscription and returns the secret that signs its deliveries.
	Subscribe(ctx context.Context, s *EventSubscription) (secret string, err error)
	FindSubscriptions(ctx context.Context) ([]*EventSubscription, error)
	// Unsubscribe ends a subscription; its pending deliveries are dropped.
	Unsubscribe(ctx context.Context, id int64) error
	// FindEventDeliveries returns the newest deliveries of a subscription (0: of all), newest first.
	FindEventDeliveries(ctx context.Context, subscriptionID int64, limit int) ([]*EventDelivery, error)
	// ReplayEventDelivery queues a delivery again, delivered or not.
	ReplayEventDelivery(ctx context.Context, id int64) error
}

// EventSender makes one attempt at an event delivery, signed with secret;
// status is the receiver's HTTP status (0: no answer). A Permanent error
// ends the delivery.
type EventSender interface {
	SendEvent(ctx context.Context, d *EventDelivery, url, secret string) (status int, err error)
}
