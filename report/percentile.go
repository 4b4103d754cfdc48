package report

import (
	"slices"
	"time"
)

// Times sums up durations: how many, their median and 90th percentile.
type Times struct {
	Count  int
	Median time.Duration
	P90    time.Duration
}

// summarize returns the nearest-rank median and 90th percentile of ds: the
// smallest value that at least half (nine tenths) of them do not exceed.
// Nearest rank reports a time some conversation really took, never an
// interpolation. ds is sorted in place.
func summarize(ds []time.Duration) Times {
	if len(ds) == 0 {
		return Times{}
	}
	slices.Sort(ds)
	return Times{Count: len(ds), Median: nearestRank(ds, 50), P90: nearestRank(ds, 90)}
}

// nearestRank returns the value at rank ⌈p/100 · n⌉ (1-based) of sorted ds.
func nearestRank(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100
	return sorted[max(rank, 1)-1]
}
