package resonanz

import (
	"cmp"
	"context"
	"slices"
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
// TeamID, Priority or Channel match any; ChoosePolicy says which of several wins.
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

// Applies reports whether p applies to a conversation of this team,
// priority and channel: each of its fields is empty or the conversation's.
func (p *SLAPolicy) Applies(teamID int64, priority, channel string) bool {
	return (p.TeamID == 0 || p.TeamID == teamID) && (p.Priority == "" || p.Priority == priority) && (p.Channel == "" || p.Channel == channel)
}

// ComparePolicies orders SLA policies by precedence; of the policies that
// apply to a conversation, it gets the first. A policy for a priority comes
// before any without one, so that an urgent message gets the urgent goal on
// every channel; then a policy for a team before one without; then one for
// a channel before one without; then the older one (lower id).
func ComparePolicies(a, b *SLAPolicy) int {
	if c := cmp.Compare(b.precedence(), a.precedence()); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// precedence weighs the fields a policy is for: priority over team over channel.
func (p *SLAPolicy) precedence() int {
	n := 0
	if p.Priority != "" {
		n += 4
	}
	if p.TeamID != 0 {
		n += 2
	}
	if p.Channel != "" {
		n++
	}
	return n
}

// ChoosePolicy returns the SLA policy a conversation of this team, priority
// and channel gets, and the others that apply to it too, in the order of
// precedence (see ComparePolicies); nil when none applies.
func ChoosePolicy(policies []*SLAPolicy, teamID int64, priority, channel string) (chosen *SLAPolicy, others []*SLAPolicy) {
	var applying []*SLAPolicy
	for _, p := range policies {
		if p != nil && p.Applies(teamID, priority, channel) {
			applying = append(applying, p)
		}
	}
	if len(applying) == 0 {
		return nil, nil
	}
	slices.SortStableFunc(applying, ComparePolicies)
	return applying[0], applying[1:]
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
