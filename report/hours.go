package report

import (
	"time"

	"context"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/route"
)

// calendars gives each answer-time policy its compiled business hours; a
// conversation without a policy, or a policy without a calendar, counts
// around the clock (nil Hours).
type calendars map[int64]*route.Hours

func loadCalendars(ctx context.Context, sla resonanz.SLAService) (calendars, error) {
	cals, err := sla.FindCalendars(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*resonanz.Calendar{}
	for _, c := range cals {
		byID[c.ID] = c
	}
	policies, err := sla.FindSLAPolicies(ctx)
	if err != nil {
		return nil, err
	}
	out := calendars{}
	for _, p := range policies {
		if c := byID[p.CalendarID]; c != nil {
			h, err := route.Compile(c)
			if err != nil {
				return nil, err
			}
			out[p.ID] = h
		}
	}
	return out, nil
}

// answerTimes returns the business time to the first answer and to the
// solution of the answered and the solved facts.
func (cs calendars) answerTimes(facts []resonanz.AnswerFact) (first, resolution Times) {
	var firsts, solved []time.Duration
	for i := range facts {
		f := &facts[i]
		h := cs[f.PolicyID]
		if !f.FirstResponseAt.IsZero() {
			firsts = append(firsts, h.Between(f.CreatedAt, f.FirstResponseAt))
		}
		if !f.ResolvedAt.IsZero() {
			solved = append(solved, h.Between(f.CreatedAt, f.ResolvedAt))
		}
	}
	return summarize(firsts), summarize(solved)
}
