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
	Kind           string // one of the Notify kinds
	Params         Params // the facts the UI words in the reader's language
	Text           string // the text of notifications written before params
	ConversationID int64  // 0: none
	CreatedAt      time.Time
	ReadAt         time.Time // zero: unread
}

// Notification kinds, with the params they carry.
const (
	NotifySLAWarning       = "sla.warning"       // goal, due, policy, preview
	NotifySLABreach        = "sla.breach"        // goal, policy, preview
	NotifyPromiseDue       = "promise.due"       // customer, due, text
	NotifyPromiseOverdue   = "promise.overdue"   // due, owner, customer, text
	NotifyPromiseHandOver  = "promise.handover"  // by, text, note
	NotifyGoodwillApproval = "goodwill.approval" // by, kind, amount, customer, reason, why and its facts (see GoodwillWhy)
	NotifyGoodwillApproved = "goodwill.approved" // by, kind, amount, customer, note
	NotifyGoodwillRejected = "goodwill.rejected" // by, kind, amount, customer, note
	NotifyChannelFailing   = "channel.failing"   // account, error
	NotifySurveyLow        = "survey.low"        // question, score, customer, agent, comment: a lead follows up
	NotifySurveyPraise     = "survey.praise"     // question, score, customer, comment: a customer praised the reader in a survey
	// NotifyLoginAccountThrottled and NotifyLoginAddressThrottled tell admins
	// that someone keeps guessing passwords.
	NotifyLoginAccountThrottled = "login.throttled.account" // login
	NotifyLoginAddressThrottled = "login.throttled.address" // address
)

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
