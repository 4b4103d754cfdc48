package route

import (
	"slices"

	"github.com/resonanz/resonanz"
)

// DecideSLA says who hears of a warning or a breach and whether the
// conversation goes back to its team. A warning goes to the owner, who can
// still make it, or to the leads when nobody owns the conversation; a breach
// goes to the owner and the leads, and takes an owned conversation back to
// the team when the policy says so. A timer set for a clock that has moved
// since, or for news already told, does nothing, so each is told once.
func DecideSLA(f resonanz.SLAFiring) resonanz.SLAOutcome {
	if f.Due.IsZero() || !f.Due.Equal(f.SetFor) || f.Breached || (f.Warn && f.Warned) {
		return resonanz.SLAOutcome{Stale: true}
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
	return resonanz.SLAOutcome{Tell: tell, Reassign: !f.Warn && f.Reassign && f.Owner != 0}
}
