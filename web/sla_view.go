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
		return fmt.Sprintf(p.T("sla.overdue"), p.Duration(-d))
	}
	return fmt.Sprintf(p.T("sla.left"), p.Duration(d))
}

// Soon reports whether due is within the next hour.
func (p *page) Soon(due time.Time) bool { return time.Until(due) < soonWithin }
