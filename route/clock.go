package route

import (
	"time"

	"github.com/resonanz/resonanz"
)

// Clock tracks a conversation's answer-time goals in business time. It is
// plain data, stored as JSON between events; the events carry their own
// times, so replaying them gives the same clock at any later moment.
//
// The goals and when they run:
//
//   - First response: due FirstResponse of business time after the
//     conversation started; met by the first agent reply.
//   - Next response: starts when the customer writes after an agent reply,
//     due NextResponse later; cleared by the next agent reply. While the
//     first response is still owed, the customer writing again starts none.
//   - Resolution: runs while the conversation is open and pauses while it
//     waits for the customer; the business time it ran is accumulated in
//     ResolutionUsed, and it is due when that reaches the Resolution goal.
//     The customer writing ends a pause, and reopens a resolved conversation
//     with the time used so far; if it never got a reply, a first response
//     is owed again from the reopening.
//
// Only business time counts: the methods that set a due time or measure
// elapsed time take the Hours of the policy's calendar (nil: around the
// clock). A goal of 0 is not tracked. Events are given in the order they
// happened.
type Clock struct {
	PolicyID       int64         `json:"policy_id"`
	StartedAt      time.Time     `json:"started_at,omitzero"`
	FirstGoal      time.Duration `json:"first_goal,omitempty"`
	NextGoal       time.Duration `json:"next_goal,omitempty"`
	ResolutionGoal time.Duration `json:"resolution_goal,omitempty"`

	FirstDue time.Time `json:"first_due,omitzero"` // zero: no first-response goal
	FirstAt  time.Time `json:"first_at,omitzero"`  // the first agent reply
	NextDue  time.Time `json:"next_due,omitzero"`  // zero: no reply owed

	ResolutionUsed  time.Duration `json:"resolution_used,omitempty"`
	ResolutionSince time.Time     `json:"resolution_since,omitzero"` // zero when paused or resolved
	ResolutionDue   time.Time     `json:"resolution_due,omitzero"`   // zero when not running
	ResolvedAt      time.Time     `json:"resolved_at,omitzero"`
}

// Start starts the clock of a conversation created at at under policy p.
// The clock keeps the policy's goals, so editing the policy later changes
// only the clocks started after the edit.
func (c *Clock) Start(p *resonanz.SLAPolicy, h *Hours, at time.Time) {
	*c = Clock{PolicyID: p.ID, StartedAt: at, FirstGoal: p.FirstResponse, NextGoal: p.NextResponse, ResolutionGoal: p.Resolution}
	if c.FirstGoal > 0 {
		c.FirstDue = h.Add(at, c.FirstGoal)
	}
	c.resume(h, at)
}

// CustomerWrote records a customer message: it owes a next response if an
// agent has replied before, ends a pause and reopens a resolved conversation.
func (c *Clock) CustomerWrote(h *Hours, at time.Time) {
	switch {
	case c.FirstAt.IsZero() && c.FirstDue.IsZero() && c.FirstGoal > 0:
		c.FirstDue = h.Add(at, c.FirstGoal)
	case !c.FirstAt.IsZero() && c.NextDue.IsZero() && c.NextGoal > 0:
		c.NextDue = h.Add(at, c.NextGoal)
	}
	c.ResolvedAt = time.Time{}
	c.Resume(h, at)
}

// AgentReplied records an agent's reply: it meets the first response, or the
// next response owed.
func (c *Clock) AgentReplied(at time.Time) {
	if c.FirstAt.IsZero() {
		c.FirstAt = at
	}
	c.NextDue = time.Time{}
}

// Pause stops the resolution clock while the conversation waits for the
// customer. Pausing a paused or resolved clock does nothing.
func (c *Clock) Pause(h *Hours, at time.Time) {
	if c.ResolutionSince.IsZero() {
		return
	}
	c.ResolutionUsed += h.Between(c.ResolutionSince, at)
	c.ResolutionSince, c.ResolutionDue = time.Time{}, time.Time{}
}

// Resume restarts the resolution clock after a pause; it does nothing on a
// running or resolved clock.
func (c *Clock) Resume(h *Hours, at time.Time) {
	if !c.ResolutionSince.IsZero() || !c.ResolvedAt.IsZero() {
		return
	}
	c.resume(h, at)
}

func (c *Clock) resume(h *Hours, at time.Time) {
	c.ResolutionSince = at
	if c.ResolutionGoal > 0 {
		c.ResolutionDue = h.Add(at, c.ResolutionGoal-c.ResolutionUsed)
	}
}

// Resolved stops all goals: the conversation is done. A response still owed
// is no longer due.
func (c *Clock) Resolved(h *Hours, at time.Time) {
	c.Pause(h, at)
	c.NextDue = time.Time{}
	if c.FirstAt.IsZero() {
		c.FirstDue = time.Time{}
	}
	c.ResolvedAt = at
}

// Paused reports whether the resolution clock waits for the customer.
func (c *Clock) Paused() bool {
	return !c.StartedAt.IsZero() && c.ResolutionSince.IsZero() && c.ResolvedAt.IsZero()
}

// Next returns the running goal due first and its due time; "" and the zero
// time when no goal runs.
func (c *Clock) Next() (goal string, due time.Time) {
	consider := func(g string, d time.Time) {
		if !d.IsZero() && (due.IsZero() || d.Before(due)) {
			goal, due = g, d
		}
	}
	if c.FirstAt.IsZero() {
		consider(resonanz.GoalFirstResponse, c.FirstDue)
	}
	consider(resonanz.GoalNextResponse, c.NextDue)
	consider(resonanz.GoalResolution, c.ResolutionDue)
	return goal, due
}
