package web

import (
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
)

// clockView is what the "sla-clock" template shows of a conversation.
type clockView struct {
	P *page
	C *resonanz.Conversation
}

// soonWithin marks a clock as due soon.
const soonWithin = time.Hour

// Left says how long until due, or how long overdue, in the page's language.
func (p *page) Left(due time.Time) string {
	d := time.Until(due)
	if d < 0 {
		return fmt.Sprintf(p.T("sla.overdue"), shortDuration(-d))
	}
	return fmt.Sprintf(p.T("sla.left"), shortDuration(d))
}

// Soon reports whether due is within the next hour.
func (p *page) Soon(due time.Time) bool { return time.Until(due) < soonWithin }

// shortDuration writes d as "3 d 4 h", "2 h 5 min" or "7 min".
func shortDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case hours > 0:
		return fmt.Sprintf("%d h %d min", hours, mins)
	default:
		return fmt.Sprintf("%d min", mins)
	}
}
