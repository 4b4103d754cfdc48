package resonanz

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Promise states. A hand-over is not a state: the promise stays open with its new owner.
const (
	PromiseOpen   = "open"
	PromiseKept   = "kept"
	PromiseBroken = "broken"
)

// MaxPromiseLen bounds the text of a promise and the reasons and notes around it.
const MaxPromiseLen = 500

// Promise is something an agent told a customer would happen by a certain
// time ("Gutschrift bis Freitag"). It stays open, and visible, until someone
// marks it kept or broken; closing the conversation does not end it.
type Promise struct {
	ID                 int64
	ConversationID     int64
	Text               string
	DueAt              time.Time
	OwnerID            int64
	OwnerName          string
	State              string
	Reason             string // why it was broken
	TeamID             int64  // the conversation's team; 0: none
	CustomerName       string
	ConversationStatus string
	RemindedAt         time.Time // zero: the owner was not reminded yet
	EscalatedAt        time.Time // zero: not escalated yet
	ClosedAt           time.Time // when it was kept or broken
	CreatedAt          time.Time
}

// Overdue reports whether an open promise is past its due time.
func (p *Promise) Overdue(now time.Time) bool {
	return p.State == PromiseOpen && !p.DueAt.After(now)
}

// Validate checks a new promise's text, due time and owner.
func (p *Promise) Validate() error {
	p.Text = strings.TrimSpace(p.Text)
	switch {
	case p.Text == "" || !utf8.ValidString(p.Text):
		return FieldError("text", "Say what was promised.").Keyed("promise.text.missing")
	case utf8.RuneCountInString(p.Text) > MaxPromiseLen:
		return FieldError("text", "The promise is too long (at most %d characters).", MaxPromiseLen).Keyed("promise.text.long")
	case p.DueAt.IsZero():
		return FieldError("due", "A promise needs a due time.").Keyed("promise.due.none")
	case p.OwnerID <= 0:
		return FieldError("owner", "A promise needs an owner.").Keyed("promise.owner.none")
	}
	return nil
}

// PromiseFilter selects promises. Zero values do not filter.
type PromiseFilter struct {
	ConversationID int64
	ContactID      int64 // promises to this person, in any conversation
	OwnerID        int64
	TeamsOf        int64 // promises in conversations of this user's teams
	State          string
	DueBefore      time.Time // due at or before this time
	NotReminded    bool
	NotEscalated   bool
	Limit          int // 0: 500
}

// PromiseService keeps promises. Every change is recorded in the audit trail
// of the promise's conversation under the acting user.
type PromiseService interface {
	AddPromise(ctx context.Context, p *Promise, by *User) error
	// FindPromises returns promises by due time, earliest first.
	FindPromises(ctx context.Context, f PromiseFilter) ([]*Promise, error)
	// FindPromise returns one promise, or ENOTFOUND.
	FindPromise(ctx context.Context, id int64) (*Promise, error)
	KeepPromise(ctx context.Context, id int64, by *User) error
	// BreakPromise closes a promise as broken; the reason is required.
	BreakPromise(ctx context.Context, id int64, by *User, reason string) error
	// HandOverPromise gives an open promise to another user, who is notified.
	HandOverPromise(ctx context.Context, id int64, by *User, toUserID int64, note string) error
	// MarkPromiseReminded records that the owner was reminded and stores the
	// notifications in the same transaction; it reports false, storing
	// nothing, if someone else marked the promise first.
	MarkPromiseReminded(ctx context.Context, id int64, at time.Time, notes []*Notification) (bool, error)
	// MarkPromiseEscalated is MarkPromiseReminded for the escalation of an overdue promise.
	MarkPromiseEscalated(ctx context.Context, id int64, at time.Time, notes []*Notification) (bool, error)
	// FindLeads returns the enabled leads of a team, or all enabled leads if
	// teamID is 0 or the team has no lead.
	FindLeads(ctx context.Context, teamID int64) ([]*User, error)
}
