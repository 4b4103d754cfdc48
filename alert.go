package resonanz

import (
	"context"
	"time"
)

// Alert statuses: an alert is open until someone acknowledges it, and
// resolved when the storm is over and handled.
const (
	AlertOpen         = "open"
	AlertAcknowledged = "acknowledged"
	AlertResolved     = "resolved"
)

// AlertAll is the key under which all negative messages are counted, beside each topic.
const AlertAll = "all"

// Alert warns that negative messages about one topic burst far above their
// usual level: a storm in the making.
type Alert struct {
	ID       int64
	Key      string // a topic, or AlertAll
	Status   string
	Severity int // 0–6, in the spirit of the Shitstorm-Skala
	// The burst as last measured.
	Count    int
	Window   time.Duration
	Expected float64
	Ratio    float64
	Growth   float64
	Channels int
	Authors  int
	Messages int // customer messages in its crisis room, counted by FindAlertByID only
	TopTerms []string
	Urgent   int // messages that threaten to go public, to the press or to court
	// Lifecycle.
	FirstSeen      time.Time
	LastSeen       time.Time
	AcknowledgedBy string
	AcknowledgedAt time.Time
	ResolvedAt     time.Time
	// Statement is the public word on the storm, shown atop the crisis room.
	Statement Statement
}

// AlertService keeps alerts and the messages they hold.
type AlertService interface {
	AlertRoom
	// SaveAlert creates an alert (ID 0) or updates the open one with new figures.
	SaveAlert(ctx context.Context, a *Alert) error
	// LinkAlertMessages adds customer messages to an alert's crisis room.
	LinkAlertMessages(ctx context.Context, alertID int64, messageIDs []int64) error
	// FindAlerts lists alerts, newest first, without counting their rooms.
	FindAlerts(ctx context.Context, includeResolved bool) ([]*Alert, error)
	// FindAlertByID returns one alert with its room counted, or ENOTFOUND.
	FindAlertByID(ctx context.Context, id int64) (*Alert, error)
	// FindAlertFigures returns one alert without counting its room, or ENOTFOUND.
	FindAlertFigures(ctx context.Context, id int64) (*Alert, error)
	// SetAlertStatus acknowledges or resolves an alert, recording who did it.
	SetAlertStatus(ctx context.Context, id int64, by *User, status string) error
	// SetStatement replaces the alert's public statement, recording who changed it.
	SetStatement(ctx context.Context, id int64, by *User, st Statement) error

	// PreviewBulkReply fills the draft for every customer of the alert's
	// crisis room (one per contact, in the conversation of their latest
	// message in it, in the variant that fits them) and sets apart, with the
	// reason, those who get nothing.
	PreviewBulkReply(ctx context.Context, id int64, draft BulkDraft) (*BulkPreview, error)
	// SendBulkReply queues the filled draft for every customer the preview
	// would reach, all in one transaction, and audits it in each conversation.
	// A second call with the same nonce sends nothing and returns the first result.
	SendBulkReply(ctx context.Context, id int64, by *User, draft BulkDraft, nonce string) (*BulkReply, error)
	// BulkReplies lists the alert's bulk replies, newest first.
	BulkReplies(ctx context.Context, id int64) ([]*BulkReply, error)
	// AlertEvents returns the alert's timeline, oldest first.
	AlertEvents(ctx context.Context, id int64) ([]*AlertEvent, error)

	// DismissAlerts hides alerts from a user's alert bar at the severity the
	// user saw (alert id → severity); an alert shows again once its severity rises.
	DismissAlerts(ctx context.Context, userID int64, seen map[int64]int) error
	// DismissedAlerts returns, for the open alerts a user dismissed, the severity dismissed.
	DismissedAlerts(ctx context.Context, userID int64) (map[int64]int, error)
	// CloseQuietAlerts resolves the alerts whose latest message came before
	// lastBefore, records it in their timelines, and returns their ids.
	CloseQuietAlerts(ctx context.Context, lastBefore time.Time) ([]int64, error)
}

// Alert event kinds: the steps of an alert's timeline.
const (
	AlertRaised    = "raised"
	AlertEscalated = "escalated"
	AlertStatement = "statement"
	AlertBulkReply = "bulk_reply"
	AlertQuiet     = "quiet" // resolved by resonanz: no new message for a while
)

// AlertEvent is one step in an alert's timeline. Kind is one of the kinds
// above or the alert status it moved to (acknowledged, resolved).
type AlertEvent struct {
	Kind     string
	Params   Params // raised, escalated: count, window, ratio, authors, channels, severity; statement: text; bulk reply: sent, skipped
	Detail   string // the text of steps written before params
	UserName string // "" for resonanz itself
	At       time.Time
}
