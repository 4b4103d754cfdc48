package resonanz

import (
	"context"
	"time"
)

// Notification tells a user that something needs them: an answer-time goal about
// to be missed, a promise due, an approval to give.
type Notification struct {
	ID             int64
	UserID         int64
	Kind           string // e.g. "sla.warning", "sla.breach", "promise.due"
	Text           string
	ConversationID int64 // 0: none
	CreatedAt      time.Time
	ReadAt         time.Time // zero: unread
}

// NotificationService keeps users' notifications.
type NotificationService interface {
	// Notify records a notification for a user.
	Notify(ctx context.Context, n *Notification) error
	// FindNotifications returns a user's notifications, newest first.
	FindNotifications(ctx context.Context, userID int64, limit int) ([]*Notification, error)
	// CountUnread returns how many notifications a user has not read.
	CountUnread(ctx context.Context, userID int64) (int, error)
	// MarkNotificationsRead marks all of a user's notifications read.
	MarkNotificationsRead(ctx context.Context, userID int64) error
}
