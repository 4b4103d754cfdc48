package watch

import "math"

// baseline is the usual count of one window.
type baseline struct {
	state  uint8
	at     int64 // the bucket it was computed for
	center float64
	root   float64 // √(center + 3/8), for score
	sd     float64 // robust standard deviation of the past counts
}

const (
	unknown uint8 = iota // not computed, or history changed since
	known
	missing // not enough history yet
)

// baseline returns the usual count of window i at the newest bucket of s.
// A baseline hardly moves from one bucket to the next, so it is computed on
// a grid (every Spread, or every twelfth of a longer window) and kept until
// the next grid point; the grid, not the order of calls, decides what is
// computed, so a restored detector computes the same.
func (d *Detector) baseline(s *series, i int) baseline {
	bl := &s.base[i]
	at := floorDiv(s.last, d.p.refresh[i]) * d.p.refresh[i]
	if bl.state != unknown && bl.at == at {
		return *bl
	}
	// The same time on the same weekday knows both the rhythm of the day
	// and that of the week (Monday's backlog, a shop's Saturday); until two
	// such weeks are known, the same time on the days before stands in.
	k := d.p.windows[i]
	c, sd, ok := d.slotStats(s, at, k, 7*d.p.day, d.cfg.Weeks, 2)
	if !ok {
		c, sd, ok = d.slotStats(s, at, k, d.p.day, d.cfg.Days, 1)
	}
	*bl = baseline{state: missing, at: at}
	if ok {
		*bl = baseline{state: known, at: at, center: c, root: math.Sqrt(c + 3.0/8), sd: sd}
	}
	return *bl
}

// score returns how far x lies above the baseline, in standard deviations.
// Counts of messages vary at least like Poisson counts, whose square roots
// (Anscombe's transform) vary by about ½ whatever their mean: this keeps a
// quiet slot, where five messages are rare but not unheard of, from calling
// them a storm. Where past counts varied more than that (bursty topics, news
// days), their robust standard deviation takes over.
func (bl baseline) score(x int) float64 {
	z := 2 * (math.Sqrt(float64(x)+3.0/8) - bl.root)
	if bl.sd > 0 {
		z = min(z, (float64(x)-bl.center)/bl.sd)
	}
	return z
}

// slotStats returns the centre and the robust standard deviation (scaled
// median absolute deviation) of the k-bucket windows ending 1..periods
// periods before bucket at, and a spread earlier and later. ok is false when
// fewer than minPeriods periods lie after the detector's first bucket.
func (d *Detector) slotStats(s *series, at, k, period int64, periods, minPeriods int) (center, sd float64, ok bool) {
	buf, seen := d.buf[:0], 0
	for j := int64(1); j <= int64(periods); j++ {
		n := len(buf)
		for o := -d.p.spread; o <= d.p.spread; o += max(1, d.p.spread) {
			e := at - j*period + o
			if e-k+1 >= d.origin {
				buf = append(buf, float64(s.sum(e, k)))
			}
		}
		if len(buf) > n {
			seen++
		}
	}
	if seen < minPeriods {
		return 0, 0, false
	}
	sortSmall(buf)
	n := len(buf)
	med := (buf[(n-1)/2] + buf[n/2]) / 2
	sd = 1.4826 * medianDeviation(buf, med)
	// The median of counts of rare messages is a poor mean (it is 0 for a
	// slot that has a message every other day), so the centre is the mean,
	// with counts beyond three standard deviations of the median clipped:
	// a storm in the past must not lift the baseline by much.
	limit := 3 * max(sd, math.Sqrt(med+1))
	for _, v := range buf {
		center += min(max(v, med-limit), med+limit)
	}
	return center / float64(n), sd, true
}

// sortSmall sorts xs by insertion, which beats the general sort on the few
// dozen samples of a baseline.
func sortSmall(xs []float64) {
	for i := 1; i < len(xs); i++ {
		v, j := xs[i], i
		for ; j > 0 && xs[j-1] > v; j-- {
			xs[j] = xs[j-1]
		}
		xs[j] = v
	}
}

// medianDeviation returns the median of |x - med| over the sorted xs. The
// deviations grow outwards from med on both sides, so they are merged like
// two sorted lists.
func medianDeviation(xs []float64, med float64) float64 {
	n := len(xs)
	r := sortSearch(xs, med) // first index with xs[r] >= med
	l := r - 1
	var prev, cur float64
	for range n/2 + 1 {
		prev = cur
		if r < n && (l < 0 || xs[r]-med <= med-xs[l]) {
			cur = xs[r] - med
			r++
		} else {
			cur = med - xs[l]
			l--
		}
	}
	if n%2 == 1 {
		return cur
	}
	return (prev + cur) / 2
}

// sortSearch returns the first index i with xs[i] >= v in the sorted xs.
func sortSearch(xs []float64, v float64) int {
	lo, hi := 0, len(xs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if xs[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// nth reorders xs so that xs[i] holds the value it would have sorted, with
// no larger one before it and no smaller one after it, and returns it. It is
// Hoare's selection: linear on average and free of allocations.
func nth(xs []float64, i int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		pivot := xs[lo+(hi-lo)/2]
		l, r := lo, hi
		for l <= r {
			for xs[l] < pivot {
				l++
			}
			for xs[r] > pivot {
				r--
			}
			if l <= r {
				xs[l], xs[r] = xs[r], xs[l]
				l++
				r--
			}
		}
		switch {
		case i <= r:
			hi = r
		case i >= l:
			lo = l
		default:
			return xs[i]
		}
	}
	return xs[i]
}
