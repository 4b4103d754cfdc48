package report

import (
	"time"
)

// maxDays bounds a period: a quarter and a bit.
const maxDays = 92

// weeklyAfter is the longest period drawn day by day; longer ones by week.
const weeklyAfter = 31

// Period is a run of whole local days in a time zone: [From, To).
type Period struct {
	From, To time.Time
	Days     int
}

// NewPeriod returns the days from the local date first to last, both
// included, in loc; last before first swaps them, and a period is cut to maxDays.
func NewPeriod(first, last time.Time, loc *time.Location) Period {
	if last.Before(first) {
		first, last = last, first
	}
	from, end := midnight(first, loc), midnight(last, loc)
	days := 0
	for d := from; !d.After(end) && days < maxDays; d = from.AddDate(0, 0, days) {
		days++
	}
	days = max(days, 1)
	return Period{From: from, To: from.AddDate(0, 0, days), Days: days}
}

// LastDays returns the n days that end with the local day of now.
func LastDays(n int, now time.Time, loc *time.Location) Period {
	today := midnight(now, loc)
	return NewPeriod(today.AddDate(0, 0, 1-n), today, loc)
}

// Before returns the period of as many days that ends where p starts.
func (p Period) Before() Period {
	from := p.From.AddDate(0, 0, -p.Days)
	return Period{From: from, To: p.From, Days: p.Days}
}

// Last is the local date of the period's last day.
func (p Period) Last() time.Time { return p.To.AddDate(0, 0, -1) }

// Bucket is one bar of a chart over time: a day, or a week of a long period.
type Bucket struct {
	From, To time.Time // local midnights
}

// Last is the local date of the bucket's last day.
func (b Bucket) Last() time.Time { return b.To.AddDate(0, 0, -1) }

// Buckets splits the period into days, or into weeks from its first day
// when it is longer than a month (the last week may be shorter).
func (p Period) Buckets() []Bucket {
	step := 1
	if p.Days > weeklyAfter {
		step = 7
	}
	var out []Bucket
	for d := 0; d < p.Days; d += step {
		out = append(out, Bucket{From: p.From.AddDate(0, 0, d), To: p.From.AddDate(0, 0, min(d+step, p.Days))})
	}
	return out
}

// index returns the bucket t falls into; -1 outside the period.
func index(buckets []Bucket, t time.Time) int {
	for i, b := range buckets {
		if !t.Before(b.From) && t.Before(b.To) {
			return i
		}
	}
	return -1
}

// midnight is the start of t's local day in loc. AddDate on such a time
// keeps to midnights across daylight-saving changes.
func midnight(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}
