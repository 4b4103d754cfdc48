package route

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

var policy = &resonanz.SLAPolicy{ID: 3, FirstResponse: 2 * time.Hour, NextResponse: time.Hour, Resolution: 16 * time.Hour}

// expectNext fails unless the clock's next goal is goal, due at due.
func expectNext(t *testing.T, c *Clock, goal string, due time.Time) {
	t.Helper()
	g, d := c.Next()
	if g != goal || !d.Equal(due) {
		t.Fatalf("Next() = %q %s, want %q %s", g, d.In(berlin), goal, due.In(berlin))
	}
}

func TestClockResponses(t *testing.T) {
	h := office(t, "BY")
	var c Clock
	c.Start(policy, h, at(2026, 1, 16, 16, 0)) // Friday
	expectNext(t, &c, resonanz.GoalFirstResponse, at(2026, 1, 19, 10, 0))

	c.CustomerWrote(h, at(2026, 1, 17, 9, 0)) // no reply yet: nothing new owed
	expectNext(t, &c, resonanz.GoalFirstResponse, at(2026, 1, 19, 10, 0))

	c.AgentReplied(at(2026, 1, 19, 9, 30))
	expectNext(t, &c, resonanz.GoalResolution, at(2026, 1, 20, 16, 0))

	c.CustomerWrote(h, at(2026, 1, 19, 11, 0))
	expectNext(t, &c, resonanz.GoalNextResponse, at(2026, 1, 19, 12, 0))

	c.CustomerWrote(h, at(2026, 1, 19, 11, 30)) // still the same reply owed
	expectNext(t, &c, resonanz.GoalNextResponse, at(2026, 1, 19, 12, 0))

	c.AgentReplied(at(2026, 1, 19, 11, 45))
	expectNext(t, &c, resonanz.GoalResolution, at(2026, 1, 20, 16, 0))
	if !c.FirstAt.Equal(at(2026, 1, 19, 9, 30)) {
		t.Errorf("first reply at %s, want the first one", c.FirstAt)
	}
}

func TestClockPauseResume(t *testing.T) {
	h := office(t, "BY")
	p := &resonanz.SLAPolicy{ID: 1, Resolution: 8 * time.Hour}
	var c Clock
	if c.Paused() {
		t.Fatal("a clock not started is paused")
	}
	c.Start(p, h, at(2026, 1, 19, 9, 0)) // Monday
	expectNext(t, &c, resonanz.GoalResolution, at(2026, 1, 19, 17, 0))

	c.Pause(h, at(2026, 1, 19, 11, 0))
	c.Pause(h, at(2026, 1, 19, 12, 0)) // already paused: no effect
	if !c.Paused() || c.ResolutionUsed != 2*time.Hour {
		t.Fatalf("paused %v, used %s; want paused after 2h", c.Paused(), c.ResolutionUsed)
	}
	expectNext(t, &c, "", time.Time{})

	c.Resume(h, at(2026, 1, 21, 9, 0)) // Wednesday
	expectNext(t, &c, resonanz.GoalResolution, at(2026, 1, 21, 15, 0))
	c.Resume(h, at(2026, 1, 21, 10, 0)) // running: no effect
	expectNext(t, &c, resonanz.GoalResolution, at(2026, 1, 21, 15, 0))
}

func TestClockPauseOverWeekendEndsWhenCustomerWrites(t *testing.T) {
	h := office(t, "BY")
	p := &resonanz.SLAPolicy{ID: 1, Resolution: 8 * time.Hour}
	var c Clock
	c.Start(p, h, at(2026, 1, 16, 10, 0)) // Friday
	c.Pause(h, at(2026, 1, 16, 16, 0))    // 6h used
	c.CustomerWrote(h, at(2026, 1, 17, 10, 0))
	if c.Paused() {
		t.Fatal("still paused after the customer wrote")
	}
	expectNext(t, &c, resonanz.GoalResolution, at(2026, 1, 19, 11, 0))
}

func TestClockResolvedAndReopened(t *testing.T) {
	h := office(t, "BY")
	var c Clock
	c.Start(policy, h, at(2026, 1, 19, 9, 0))
	c.AgentReplied(at(2026, 1, 19, 10, 0))
	c.CustomerWrote(h, at(2026, 1, 19, 12, 0))
	c.Resolved(h, at(2026, 1, 19, 13, 0))
	expectNext(t, &c, "", time.Time{})
	if c.Paused() || c.ResolutionUsed != 4*time.Hour {
		t.Fatalf("paused %v, used %s; want resolved after 4h", c.Paused(), c.ResolutionUsed)
	}
	c.Resume(h, at(2026, 1, 19, 14, 0)) // resolved: stays stopped
	expectNext(t, &c, "", time.Time{})

	c.CustomerWrote(h, at(2026, 1, 20, 9, 0)) // reopens with 12h left
	expectNext(t, &c, resonanz.GoalNextResponse, at(2026, 1, 20, 10, 0))
	c.AgentReplied(at(2026, 1, 20, 9, 30))
	expectNext(t, &c, resonanz.GoalResolution, at(2026, 1, 21, 13, 0))
}

func TestClockReopenedWithoutReplyOwesFirstResponse(t *testing.T) {
	h := office(t, "BY")
	var c Clock
	c.Start(policy, h, at(2026, 1, 19, 9, 0))
	c.Resolved(h, at(2026, 1, 19, 9, 30))
	expectNext(t, &c, "", time.Time{})
	c.CustomerWrote(h, at(2026, 1, 20, 12, 0))
	expectNext(t, &c, resonanz.GoalFirstResponse, at(2026, 1, 20, 14, 0))
}

func TestClockFirstResponseDue(t *testing.T) {
	tests := []struct {
		name  string
		hours *Hours
		start time.Time
		want  time.Time
	}{
		{"OverWeekend", office(t, "BY"), at(2026, 1, 16, 16, 30), at(2026, 1, 19, 10, 30)},
		{"Karfreitag", office(t, "BE"), at(2026, 4, 2, 16, 0), at(2026, 4, 7, 10, 0)},
		{"FronleichnamInBavaria", office(t, "BY"), at(2026, 6, 3, 16, 0), at(2026, 6, 5, 10, 0)},
		{"NoFronleichnamInBerlin", office(t, "BE"), at(2026, 6, 3, 16, 0), at(2026, 6, 4, 10, 0)},
		{"SpringDST", office(t, "BE"), at(2026, 3, 27, 16, 0), at(2026, 3, 30, 10, 0)},
		{"AutumnDST", office(t, "BE"), at(2026, 10, 23, 16, 0), at(2026, 10, 26, 10, 0)},
		{"AroundTheClock", nil, at(2026, 3, 29, 1, 0), at(2026, 3, 29, 4, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Clock
			c.Start(policy, tt.hours, tt.start)
			expectNext(t, &c, resonanz.GoalFirstResponse, tt.want)
		})
	}
}

func TestClockPausedOverDST(t *testing.T) {
	h := mustCompile(t, &resonanz.Calendar{Week: allWeek()})
	p := &resonanz.SLAPolicy{ID: 1, Resolution: 24 * time.Hour}
	var c Clock
	c.Start(p, h, at(2026, 3, 28, 12, 0))
	c.Pause(h, at(2026, 3, 28, 20, 0))
	c.Resume(h, at(2026, 3, 29, 10, 0))
	expectNext(t, &c, resonanz.GoalResolution, at(2026, 3, 30, 2, 0))
}

func TestClockWithoutGoals(t *testing.T) {
	var c Clock
	c.Start(&resonanz.SLAPolicy{ID: 1}, nil, at(2026, 1, 19, 9, 0))
	c.AgentReplied(at(2026, 1, 19, 10, 0))
	c.CustomerWrote(nil, at(2026, 1, 19, 11, 0))
	expectNext(t, &c, "", time.Time{})
}

func TestClockSurvivesJSON(t *testing.T) {
	h := office(t, "BY")
	var c Clock
	c.Start(policy, h, at(2026, 1, 19, 9, 0))
	c.AgentReplied(at(2026, 1, 19, 10, 0))
	c.Pause(h, at(2026, 1, 19, 11, 0))
	data, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	var loaded Clock
	if err := json.Unmarshal(data, &loaded); err != nil {
		t.Fatal(err)
	}
	loaded.Resume(h, at(2026, 1, 20, 9, 0))
	c.Resume(h, at(2026, 1, 20, 9, 0))
	goal, due := c.Next()
	expectNext(t, &loaded, goal, due)
	if loaded.PolicyID != policy.ID || loaded.ResolutionUsed != 2*time.Hour {
		t.Errorf("loaded policy %d, used %s", loaded.PolicyID, loaded.ResolutionUsed)
	}
}
