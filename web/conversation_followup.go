package web

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
)

// caseFollowup is what a conversation page shows of promises and goodwill.
type caseFollowup struct {
	Promises []*resonanz.Promise
	Open     int // open promises
	// ClosedWithOpen warns that the case is solved or closed while promises are still open.
	ClosedWithOpen bool
	Grants         []*resonanz.GoodwillGrant
	Kinds          []string
	DueDefault     string // tomorrow at the same hour, in the form's format
	// Promise and Goodwill are the forms as typed, when one came back with a problem.
	Promise  promiseForm
	Goodwill goodwillForm
}

// caseFollowup gathers the promises and goodwill of c; due times are entered in zone.
func (s *Server) caseFollowup(ctx context.Context, c *resonanz.Conversation, zone *time.Location) (caseFollowup, error) {
	v := caseFollowup{Kinds: resonanz.GoodwillKinds,
		DueDefault: time.Now().In(zone).Add(24 * time.Hour).Truncate(time.Hour).Format(dueLayout)}
	var err error
	if v.Promises, err = s.Promises.FindPromises(ctx, resonanz.PromiseFilter{ConversationID: c.ID}); err != nil {
		return v, err
	}
	for _, p := range v.Promises {
		if p.State == resonanz.PromiseOpen {
			v.Open++
		}
	}
	v.ClosedWithOpen = v.Open > 0 && (c.Status == resonanz.StatusSolved || c.Status == resonanz.StatusClosed)
	v.Grants, err = s.Goodwill.FindGoodwillGrants(ctx, resonanz.GoodwillFilter{ConversationID: c.ID})
	return v, err
}
