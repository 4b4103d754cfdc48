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
func (r *Reporter) backlog(ctx context.Context, f Filter, now time.Time, rolled bool) (Backlog, error) {
	today := midnight(now, r.Location)
	bounds := []time.Time{today.AddDate(0, 0, -6), today.AddDate(0, 0, -2), today}
	counts, oldest, err := r.openWorkBefore(ctx, f, bounds, rolled)
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

// openWorkBefore counts the open work created before each of the bounds
// (local midnights), and all of it; oldest is the oldest one's creation.
// From the rollups a conversation's day is before a bound exactly when the
// conversation is.
func (r *Reporter) openWorkBefore(ctx context.Context, f Filter, bounds []time.Time, rolled bool) ([]int, time.Time, error) {
	if !rolled {
		return r.Facts.OpenWorkBefore(ctx, f.facts(f.Period), bounds)
	}
	days, err := r.Facts.OpenWorkDays(ctx, f.facts(f.Period))
	if err != nil || len(days) == 0 {
		return make([]int, len(bounds)+1), time.Time{}, err
	}
	counts := make([]int, len(bounds)+1)
	for _, d := range days {
		for i, b := range bounds {
			if d.Day.Before(b) {
				counts[i] += d.Count
			}
		}
		counts[len(bounds)] += d.Count
	}
	oldest, err := r.Facts.OldestOpenWork(ctx, f.facts(f.Period), days[0].Day)
	return counts, oldest, err
}
