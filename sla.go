package resonanz

import (
	"context"
	"time"
)

// Span is a stretch of business hours within one day, in minutes after midnight
// local time: Start inclusive, End exclusive (End ≤ 1440).
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Calendar says when the business is open: weekly hours in a time zone, the
// public holidays of a German federal state, and extra closed days.
type Calendar struct {
	ID       int64
	Name     string
	TimeZone string    // IANA name, e.g. "Europe/Berlin"
	Week     [7][]Span // indexed by time.Weekday (Sunday = 0)
	State    string    // German federal state code ("BY", "BE", …); "" for nationwide holidays only
	Closed   []string  // extra closed days, "2006-01-02"
}

// SLAPolicy sets answer-time goals for the conversations it applies to. Empty
// TeamID, Priority or Channel match any; the most specific policy wins.
type SLAPolicy struct {
	ID            int64
	Name          string
	TeamID        int64
	TeamName      string
	Priority      string
	Channel       string
	FirstResponse time.Duration // 0: no goal
	NextResponse  time.Duration
	Resolution    time.Duration
	WarnBefore    time.Duration // warn the owner this long before a breach
	Reassign      bool          // at a breach, give the conversation back to the team's round-robin
	CalendarID    int64         // 0: around the clock
	CalendarName  string
}

// SLA goals a conversation's clock can track.
const (
	GoalFirstResponse = "first_response"
	GoalNextResponse  = "next_response"
	GoalResolution    = "resolution"
)

// SLAClock is the state of a conversation's answer-time goals.
type SLAClock struct {
	PolicyID   int64
	PolicyName string
	Goal       string    // the goal due next
	Due        time.Time // zero: no running goal
	Paused     bool      // waiting for the customer
	Breached   bool
}

// Left is the time until the clock's goal is due (negative when overdue).
func (c *SLAClock) Left(now time.Time) time.Duration { return c.Due.Sub(now) }

// SLAService keeps calendars and SLA policies.
type SLAService interface {
	FindCalendars(ctx context.Context) ([]*Calendar, error)
	SaveCalendar(ctx context.Context, c *Calendar) error
	FindSLAPolicies(ctx context.Context) ([]*SLAPolicy, error)
	SaveSLAPolicy(ctx context.Context, p *SLAPolicy) error
	DeleteSLAPolicy(ctx context.Context, id int64) error
}
