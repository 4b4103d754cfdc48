package watch

import (
	"testing"
	"time"
)

// A mild storm (3× the usual) keeps its alarm open for hours; a storm ten
// times the usual that follows within them is reported as an escalation.
func TestBiggerStormWithinCooldownEscalates(t *testing.T) {
	for _, tc := range []struct {
		name string
		gap  time.Duration // from the mild storm's start to the big one's
	}{{"WhileMildStormRuns", 2 * time.Hour}, {"AfterItEnded", 4 * time.Hour}} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDetector(t)
			mild := monday.Add(3*week + 2*24*time.Hour + 9*time.Hour) // a Wednesday, 9:00
			big := mild.Add(tc.gap)
			rate := withStorm(withStorm(rhythm, mild, 3, 0, 3*time.Hour+30*time.Minute), big, 10, 0, 4*time.Hour)
			at, alarms := stream(t, d, "delivery", 8, 0, 3*week+4*24*time.Hour, rate)
			if len(alarms) != 2 || alarms[0].Escalation || !alarms[1].Escalation {
				t.Fatalf("alarms at %v (%+v), want one for the mild storm at %v and an escalation for the big one at %v", at, alarms, mild, big)
			}
			if at[0].Before(mild) || at[0].After(big) {
				t.Errorf("first alarm at %v, want during the mild storm from %v", at[0], mild)
			}
			// The hour window, full of the big storm, shows it clearest.
			if delay := at[1].Sub(big); delay < 0 || delay > time.Hour {
				t.Errorf("escalation %v after the big storm began, want within the hour", delay)
			}
			if alarms[1].Ratio < 7 {
				t.Errorf("escalation at %.1f× the usual, want near the big storm's 10×", alarms[1].Ratio)
			}
		})
	}
}

func TestEscalateZeroNeverEscalates(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Escalate = 0
	d, err := NewDetector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	mild := monday.Add(3*week + 2*24*time.Hour + 9*time.Hour)
	rate := withStorm(withStorm(rhythm, mild, 4, 0, 3*time.Hour), mild.Add(2*time.Hour), 10, 0, 4*time.Hour)
	if at, _ := stream(t, d, "delivery", 8, 0, 3*week+4*24*time.Hour, rate); len(at) != 1 {
		t.Errorf("alarms at %v, want only the first", at)
	}
}
