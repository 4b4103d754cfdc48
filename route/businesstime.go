package route

import "time"

// Add returns the moment when d of business time has passed after start: a
// goal of 8 hours set at 16:00 on a Friday, with hours 9–17 on weekdays, is
// due at 16:00 on Monday. If start is outside business hours the time counts
// from the next opening. A due time that falls on a closing time is that
// closing time, not the next opening. d ≤ 0 returns start.
//
// Each span counts from where the previous one ended at the earliest: spans
// whose wall-clock times fall into the hour skipped in spring can come out
// overlapping in real time, and that hour must not count twice.
func (h *Hours) Add(start time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return start
	}
	if h == nil {
		return start.Add(d)
	}
	day, cursor := dayOf(start.In(h.loc)), start
	for range maxDays {
		for _, s := range h.openSpans(day) {
			from, to := h.interval(day, s)
			if from.Before(cursor) {
				from = cursor
			}
			if !to.After(from) {
				continue
			}
			left := to.Sub(from)
			if d <= left {
				return from.Add(d).In(start.Location())
			}
			d -= left
			cursor = to
		}
		day = day.next()
	}
	return day.at(0, h.loc).In(start.Location())
}

// Between returns the business time between a and b; 0 unless b is after a.
// Like Add it counts no moment twice.
func (h *Hours) Between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	if h == nil {
		return b.Sub(a)
	}
	var sum time.Duration
	day, last := dayOf(a.In(h.loc)), dayOf(b.In(h.loc))
	for range maxDays {
		for _, s := range h.openSpans(day) {
			from, to := h.interval(day, s)
			if from.Before(a) {
				from = a
			}
			if to.After(b) {
				to = b
			}
			if to.After(from) {
				sum += to.Sub(from)
				a = to
			}
		}
		if day == last {
			break
		}
		day = day.next()
	}
	return sum
}

// Open reports whether the business is open at t.
func (h *Hours) Open(t time.Time) bool {
	if h == nil {
		return true
	}
	day := dayOf(t.In(h.loc))
	for _, s := range h.openSpans(day) {
		from, to := h.interval(day, s)
		if !t.Before(from) && t.Before(to) {
			return true
		}
	}
	return false
}
