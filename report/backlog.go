package report

import (
	"context"
	"time"
)

// Keys of the backlog's ages, by the local day the conversation was opened.
const (
	AgeToday    = "today"     // opened today
	AgeDays     = "days"      // 1–2 days ago
	AgeWeek     = "week"      // 3–6 days ago
	AgeWeekPlus = "week_plus" // 7 or more days ago
)

// backlog counts the open work now by age in whole local days, so that each
// bar is a range of dates the inbox can filter by.
func (r *Reporter) backlog(ctx context.Context, f Filter, now time.Time) (Backlog, error) {
	today := midnight(now, r.Location)
	bounds := []time.Time{today.AddDate(0, 0, -6), today.AddDate(0, 0, -2), today}
	counts, oldest, err := r.Facts.OpenWorkBefore(ctx, f.facts(f.Period), bounds)
	if err != nil {
		return Backlog{}, err
	}
	before6, before2, beforeToday, all := counts[0], counts[1], counts[2], counts[3]
	return Backlog{Open: all, Oldest: oldest, Ages: []Age{
		{Key: AgeToday, From: today, Count: all - beforeToday},
		{Key: AgeDays, From: bounds[1], To: today, Count: beforeToday - before2},
		{Key: AgeWeek, From: bounds[0], To: bounds[1], Count: before2 - before6},
		{Key: AgeWeekPlus, To: bounds[0], Count: before6},
	}}, nil
}
