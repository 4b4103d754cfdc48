// Package followup makes sure promises to customers are kept: it reminds the
// owner before a promise is due and escalates to the leads once it is overdue.
package followup

import (
	"context"

	"log/slog"
	"time"

	"github.com/resonanz/resonanz"
)

// Reminder checks open promises. All it knows lives in the database (the
// reminded and escalated marks), so a new Reminder after a restart picks up
// exactly where the old one stopped, and late rather than never.
type Reminder struct {
	Promises resonanz.PromiseService
	// LeadTime is how long before the due time the owner is reminded.
	LeadTime time.Duration
	// Now returns the current time; tests replace it.
	Now    func() time.Time
	Logger *slog.Logger
}

// New returns a reminder with the real clock.
func New(promises resonanz.PromiseService, leadTime time.Duration, logger *slog.Logger) *Reminder {
	return &Reminder{Promises: promises, LeadTime: leadTime, Now: time.Now, Logger: logger}
}

// Check escalates every overdue open promise not escalated yet, then reminds
// the owners of open promises due within the lead time not reminded yet.
// Each promise is reminded once and escalated once, however often Check runs.
func (r *Reminder) Check(ctx context.Context) (reminded, escalated int, err error) {
	now := r.Now()
	overdue, err := r.Promises.FindPromises(ctx, resonanz.PromiseFilter{State: resonanz.PromiseOpen, DueBefore: now, NotEscalated: true})
	if err != nil {
		return 0, 0, err
	}
	for _, p := range overdue {
		ok, err := r.escalate(ctx, p, now)
		if err != nil {
			return reminded, escalated, err
		}
		if ok {
			escalated++
		}
	}
	due, err := r.Promises.FindPromises(ctx, resonanz.PromiseFilter{State: resonanz.PromiseOpen, DueBefore: now.Add(r.LeadTime), NotReminded: true})
	if err != nil {
		return reminded, escalated, err
	}
	for _, p := range due {
		n := &resonanz.Notification{UserID: p.OwnerID, Kind: resonanz.NotifyPromiseDue, ConversationID: p.ConversationID,
			Params: resonanz.Params{"customer": p.CustomerName, "due": p.DueAt.UTC().Format(time.RFC3339), "text": p.Text}}
		ok, err := r.Promises.MarkPromiseReminded(ctx, p.ID, now, []*resonanz.Notification{n})
		if err != nil {
			return reminded, escalated, err
		}
		if ok {
			reminded++
		}
	}
	return reminded, escalated, nil
}

// escalate tells the owner and the leads responsible that a promise is overdue.
func (r *Reminder) escalate(ctx context.Context, p *resonanz.Promise, now time.Time) (bool, error) {
	leads, err := r.Promises.FindLeads(ctx, p.TeamID)
	if err != nil {
		return false, err
	}
	params := resonanz.Params{"due": p.DueAt.UTC().Format(time.RFC3339), "owner": p.OwnerName, "customer": p.CustomerName, "text": p.Text}
	notes := []*resonanz.Notification{{UserID: p.OwnerID, Kind: resonanz.NotifyPromiseOverdue, ConversationID: p.ConversationID, Params: params}}
	for _, l := range leads {
		if l.ID != p.OwnerID {
			notes = append(notes, &resonanz.Notification{UserID: l.ID, Kind: resonanz.NotifyPromiseOverdue, ConversationID: p.ConversationID, Params: params})
		}
	}
	return r.Promises.MarkPromiseEscalated(ctx, p.ID, now, notes)
}

// Run checks at once, which catches up on whatever came due while resonanz
// was down, and then every interval until ctx ends. Failed checks are logged
// and retried at the next tick.
func (r *Reminder) Run(ctx context.Context, every time.Duration) {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		reminded, escalated, err := r.Check(ctx)
		if err != nil && ctx.Err() == nil {
			r.Logger.Error("promise check", "err", err)
		} else if reminded+escalated > 0 {
			r.Logger.Info("promise check", "reminded", reminded, "escalated", escalated)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}
