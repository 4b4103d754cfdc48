package eval

import (
	"math"
	"time"
)

// reachBudget is the false-alarm budget of the bar: one per topic per 30
// days.
const reachBudget = 30 * 24 * time.Hour

// onset returns when the storm's extra rate reaches the usual rate, so that
// the topic runs at twice its usual rate: the start of a sudden storm, the
// (size-1)-th part of the ramp of a slow one. Before it a slow storm is a
// rise that chance could have brought as well.
func (s *storm) onset() time.Time {
	if s.ramp <= 0 || s.size < 2 {
		return s.start.Add(s.ramp)
	}
	return s.start.Add(s.ramp / time.Duration(s.size-1))
}

// reachDelay returns how soon after its start a storm could be found at the
// earliest by a test that knows the usual rate of its topic exactly (the
// rate at the storm's start, per hour) and may look at a window of any
// length ending at any minute. A window of w minutes alarms when it holds at
// least as many messages as chance brings to a window of that length at most
// once per 30 days in non-overlapping windows; the storm counts as found
// when the messages it is expected to bring (with the usual ones) reach
// that count. This is generous to the test: a real detector estimates the
// usual rate, which also varies from day to day, and tests overlapping
// windows of several lengths, so it needs higher counts. It returns the
// storm's length when even that is not reached.
func reachDelay(s *storm, usual float64) time.Duration {
	minutes := int(s.end.Sub(s.start) / time.Minute)
	perMinute := usual / 60
	// cum[m] is the usual and extra messages expected in the first m
	// minutes of the storm.
	cum := make([]float64, minutes+1)
	for m := range minutes {
		mid := s.start.Add(time.Duration(m)*time.Minute + 30*time.Second)
		cum[m+1] = cum[m] + perMinute + s.rate(mid)/60
	}
	need := make([]int, minutes+1) // need[w]: the count that alarms in w minutes
	for w := 1; w <= minutes; w++ {
		need[w] = poissonQuantile(perMinute*float64(w), float64(w)*float64(time.Minute)/float64(reachBudget))
	}
	for tau := 1; tau <= minutes; tau++ {
		for w := 1; w <= tau; w++ {
			if cum[tau]-cum[tau-w] >= float64(need[w]) {
				return time.Duration(tau) * time.Minute
			}
		}
	}
	return time.Duration(minutes) * time.Minute
}

// poissonQuantile returns the least count c with P(X ≥ c) ≤ p for a
// Poisson count X of mean mu.
func poissonQuantile(mu, p float64) int {
	below, term := 0.0, math.Exp(-mu) // P(X < c), P(X = c)
	c := 0
	for 1-below > p {
		below += term
		c++
		term *= mu / float64(c)
	}
	return c
}
