package route

import (
	"fmt"
	"testing"
	"time"
)

// TestDecideSLA: who hears of a warning or a breach, and when a conversation
// goes back to its team.
func TestDecideSLA(t *testing.T) {
	due := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	const ann, lea, ole = 1, 2, 3
	firing := func(change func(*SLAFiring)) SLAFiring {
		f := SLAFiring{SetFor: due, Due: due, Owner: ann, Leads: []int64{lea, ole}, Reassign: true}
		change(&f)
		return f
	}
	for _, tc := range []struct {
		name string
		f    SLAFiring
		want SLAOutcome
	}{
		{"WarningToOwner", firing(func(f *SLAFiring) { f.Warn = true }), SLAOutcome{Tell: []int64{ann}}},
		{"WarningWithoutOwnerToLeads", firing(func(f *SLAFiring) { f.Warn, f.Owner = true, 0 }), SLAOutcome{Tell: []int64{lea, ole}}},
		{"BreachToOwnerAndLeadsAndBackToTeam", firing(func(*SLAFiring) {}), SLAOutcome{Tell: []int64{ann, lea, ole}, Reassign: true}},
		{"BreachKeepsOwnerWithoutReassignPolicy", firing(func(f *SLAFiring) { f.Reassign = false }), SLAOutcome{Tell: []int64{ann, lea, ole}}},
		{"BreachWithoutOwnerStaysInQueue", firing(func(f *SLAFiring) { f.Owner = 0 }), SLAOutcome{Tell: []int64{lea, ole}}},
		{"LeadOwnerToldOnce", firing(func(f *SLAFiring) { f.Owner = lea }), SLAOutcome{Tell: []int64{lea, ole}, Reassign: true}},
		{"BreachWithNobodyToTell", firing(func(f *SLAFiring) { f.Owner, f.Leads = 0, nil }), SLAOutcome{}},
		{"WarningAfterWarningIsStale", firing(func(f *SLAFiring) { f.Warn, f.Warned = true, true }), SLAOutcome{Stale: true}},
		{"WarningAfterBreachIsStale", firing(func(f *SLAFiring) { f.Warn, f.Breached = true, true }), SLAOutcome{Stale: true}},
		{"BreachAfterWarningFires", firing(func(f *SLAFiring) { f.Warned = true }), SLAOutcome{Tell: []int64{ann, lea, ole}, Reassign: true}},
		{"BreachAfterBreachIsStale", firing(func(f *SLAFiring) { f.Breached = true }), SLAOutcome{Stale: true}},
		{"MovedClockIsStale", firing(func(f *SLAFiring) { f.Due = due.Add(time.Hour) }), SLAOutcome{Stale: true}},
		{"StoppedClockIsStale", firing(func(f *SLAFiring) { f.Due = time.Time{} }), SLAOutcome{Stale: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DecideSLA(tc.f); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("DecideSLA = %+v, want %+v", got, tc.want)
			}
		})
	}
}
