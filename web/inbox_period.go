package web

import (
	"net/url"
	"strconv"

	"github.com/resonanz/resonanz"
)

// mostMatching bounds the count of an inbox opened on a period: a report's
// bar rarely holds more, and beyond it the inbox says "at least".
const mostMatching = 100000

// inboxPeriod is the period an inbox opened from a report is limited to.
type inboxPeriod struct {
	From, To string // local dates as the query gave them; "" open-ended
	Owner    string // the owner filter, kept in the form
	Matching int
	ClearURL string // the same inbox without the period
}

// AtLeast tells that the count stopped at its bound.
func (p *inboxPeriod) AtLeast() bool { return p.Matching >= mostMatching }

// inboxPeriodOf returns the period of the inbox's query, or nil.
func inboxPeriodOf(q url.Values, f resonanz.ConversationFilter) *inboxPeriod {
	if f.CreatedFrom.IsZero() && f.CreatedBefore.IsZero() {
		return nil
	}
	p := &inboxPeriod{}
	if !f.CreatedFrom.IsZero() {
		p.From = q.Get("from")
	}
	if !f.CreatedBefore.IsZero() {
		p.To = q.Get("to")
	}
	if q.Get("mine") != "1" && f.OwnerID != 0 {
		p.Owner = strconv.FormatInt(f.OwnerID, 10)
	}
	clear := url.Values{}
	for k, v := range q {
		if k != "from" && k != "to" && k != "after" {
			clear[k] = v
		}
	}
	p.ClearURL = "/?" + clear.Encode()
	return p
}
