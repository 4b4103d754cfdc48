package report

import (
	"cmp"
	"context"
	"slices"

	"github.com/resonanz/resonanz"
)

// Group is the figures of one team or one agent over a period.
type Group struct {
	ID            int64 // the team's or the owner's; 0: none
	New           int   // conversations created in the period
	Answered      int
	Solved        int
	FirstResponse Times
	Resolution    Times
	Goals         Goals
}

// Groups computes the period's figures per team (byOwner false) or per
// owner, fewest id first, "none" (0) last.
func (r *Reporter) Groups(ctx context.Context, f Filter, byOwner bool) ([]Group, error) {
	facts, err := r.Facts.ConversationFacts(ctx, f.facts(f.Period))
	if err != nil {
		return nil, err
	}
	cals, err := loadCalendars(ctx, r.SLA)
	if err != nil {
		return nil, err
	}
	parts := map[int64][]resonanz.ConversationFact{}
	for _, c := range facts {
		id := c.TeamID
		if byOwner {
			id = c.OwnerID
		}
		parts[id] = append(parts[id], c)
	}
	groups := make([]Group, 0, len(parts))
	for id, part := range parts {
		groups = append(groups, groupOf(id, part, cals))
	}
	slices.SortFunc(groups, func(a, b Group) int {
		if (a.ID == 0) != (b.ID == 0) {
			return cmp.Compare(b.ID, a.ID) // 0 last
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return groups, nil
}

func groupOf(id int64, facts []resonanz.ConversationFact, cals calendars) Group {
	answers := make([]resonanz.AnswerFact, len(facts))
	for i := range facts {
		answers[i] = facts[i].AnswerFact
	}
	g := Group{ID: id, New: len(facts), Goals: goalsOf(answers)}
	g.FirstResponse, g.Resolution = cals.answerTimes(answers)
	g.Answered, g.Solved = g.FirstResponse.Count, g.Resolution.Count
	return g
}
