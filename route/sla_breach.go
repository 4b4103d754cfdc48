package route

import (
	"slices"
	"time"
)

// SLAFiring is what a conversation's SLA timer finds when it fires.
type SLAFiring struct {
	Warn     bool      // the warning before the goal is missed, not the breach
	SetFor   time.Time // the due time the timer was set for
	Due      time.Time // the conversation's due time now; zero: its clock stopped
	Warned   bool      // the warning was told already
	Breached bool      // the breach was told already
	Owner    int64     // 0: the conversation waits in its team's queue
	Leads    []int64   // the team's leads, or every lead and admin when it has none
	Reassign bool      // the policy gives a breached conversation back to the team
}

// SLAOutcome is what a firing SLA timer does.
type SLAOutcome struct {
	Stale    bool    // the clock moved or this was told already: nothing happens
	Tell     []int64 // who is notified, the owner first
	Reassign bool    // the conversation is taken from its owner and routed anew
}

// DecideSLA says who hears of a warning or a breach and whether the
// conversation goes back to its team. A warning goes to the owner, who can
// still make it, or to the leads when nobody owns the conversation; a breach
// goes to the owner and the leads, and takes an owned conversation back to
// the team when the policy says so. A timer set for a clock that has moved
// since, or for news already told, does nothing, so each is told once.
func DecideSLA(f SLAFiring) SLAOutcome {
	if f.Due.IsZero() || !f.Due.Equal(f.SetFor) || f.Breached || (f.Warn && f.Warned) {
		return SLAOutcome{Stale: true}
	}
	var tell []int64
	if f.Owner != 0 {
		tell = []int64{f.Owner}
	}
	if !f.Warn || f.Owner == 0 {
		for _, id := range f.Leads {
			if !slices.Contains(tell, id) {
				tell = append(tell, id)
			}
		}
	}
	return SLAOutcome{Tell: tell, Reassign: !f.Warn && f.Reassign && f.Owner != 0}
}
