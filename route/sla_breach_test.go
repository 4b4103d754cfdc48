package route

import (
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// TestDecideSLA: who hears of a warning or a breach, and when a conversation
// goes back to its team.
func TestDecideSLA(t *testing.T) {
	due := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	const ann, lea, ole = 1, 2, 3
	firing := func(change func(*resonanz.SLAFiring)) resonanz.SLAFiring {
		f := resonanz.SLAFiring{SetFor: due, Due: due, Owner: ann, Leads: []int64{lea, ole}, Reassign: true}
		change(&f)
		return f
	}
	for _, tc := range []struct {
		name string
		f    resonanz.SLAFiring
		want resonanz.SLAOutcome
	}{
		{"WarningToOwner", firing(func(f *resonanz.SLAFiring) { f.Warn = true }), resonanz.SLAOutcome{Tell: []int64{ann}}},
		{"WarningWithoutOwnerToLeads", firing(func(f *resonanz.SLAFiring) { f.Warn, f.Owner = true, 0 }), resonanz.SLAOutcome{Tell: []int64{lea, ole}}},
		{"BreachToOwnerAndLeadsAndBackToTeam", firing(func(*resonanz.SLAFiring) {}), resonanz.SLAOutcome{Tell: []int64{ann, lea, ole}, Reassign: true}},
		{"BreachKeepsOwnerWithoutReassignPolicy", firing(func(f *resonanz.SLAFiring) { f.Reassign = false }), resonanz.SLAOutcome{Tell: []int64{ann, lea, ole}}},
		{"BreachWithoutOwnerStaysInQueue", firing(func(f *resonanz.SLAFiring) { f.Owner = 0 }), resonanz.SLAOutcome{Tell: []int64{lea, ole}}},
		{"LeadOwnerToldOnce", firing(func(f *resonanz.SLAFiring) { f.Owner = lea }), resonanz.SLAOutcome{Tell: []int64{lea, ole}, Reassign: true}},
		{"BreachWithNobodyToTell", firing(func(f *resonanz.SLAFiring) { f.Owner, f.Leads = 0, nil }), resonanz.SLAOutcome{}},
		{"WarningAfterWarningIsStale", firing(func(f *resonanz.SLAFiring) { f.Warn, f.Warned = true, true }), resonanz.SLAOutcome{Stale: true}},
		{"WarningAfterBreachIsStale", firing(func(f *resonanz.SLAFiring) { f.Warn, f.Breached = true, true }), resonanz.SLAOutcome{Stale: true}},
		{"BreachAfterWarningFires", firing(func(f *resonanz.SLAFiring) { f.Warned = true }), resonanz.SLAOutcome{Tell: []int64{ann, lea, ole}, Reassign: true}},
		{"BreachAfterBreachIsStale", firing(func(f *resonanz.SLAFiring) { f.Breached = true }), resonanz.SLAOutcome{Stale: true}},
		{"MovedClockIsStale", firing(func(f *resonanz.SLAFiring) { f.Due = due.Add(time.Hour) }), resonanz.SLAOutcome{Stale: true}},
		{"StoppedClockIsStale", firing(func(f *resonanz.SLAFiring) { f.Due = time.Time{} }), resonanz.SLAOutcome{Stale: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DecideSLA(tc.f); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("DecideSLA = %+v, want %+v", got, tc.want)
			}
		})
	}
}
