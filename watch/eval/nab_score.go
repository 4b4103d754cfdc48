package eval

import "math"

// Weights of NAB's standard application profile.
const (
	nabTPWeight = 1.0
	nabFNWeight = 1.0
	nabFPWeight = 0.11
)

// nabScore is a detector's NAB score on some series, with what detecting
// nothing and detecting every window at its first row would have scored.
type nabScore struct{ raw, null, perfect float64 }

func (s *nabScore) add(o nabScore) {
	s.raw, s.null, s.perfect = s.raw+o.raw, s.null+o.null, s.perfect+o.perfect
}

// normalised puts the raw score on NAB's scale: 0 for detecting nothing, 100 for perfect.
func (s nabScore) normalised() float64 {
	if s.perfect == s.null {
		return 0
	}
	return 100 * (s.raw - s.null) / (s.perfect - s.null)
}

// nabSigmoid weighs a detection by where it falls: -1 is the left edge of
// a window (about 0.987), 0 its right edge (0); positive positions lie that
// many window lengths after a window (down to -1, reached from 3 on).
func nabSigmoid(position float64) float64 {
	if position >= 3 {
		return -1
	}
	return 2/(1+math.Exp(5*position)) - 1
}

// nabProbation is how many first rows of a series NAB leaves unscored.
func nabProbation(rows int) int { return min(rows*15/100, 750) }

// scoreNAB scores alarms (row indexes, ascending) on a series of n rows
// with windows given as inclusive row ranges, as NAB's standard profile
// does: the earliest alarm in a window earns up to 1, a missed window costs
// 1, and each alarm outside the windows costs up to 0.11, less right after
// a window. Rows in the probation period and windows wholly inside it do
// not count.
func scoreNAB(n int, alarms []int, windows [][2]int) nabScore {
	probation := nabProbation(n)
	best := make([]float64, len(windows))
	counted := 0
	for i, w := range windows {
		best[i] = -nabFNWeight
		if w[1] >= probation {
			counted++
		}
	}
	var s nabScore
	for _, a := range alarms {
		if a < probation {
			continue
		}
		in, prev := -1, -1
		for i, w := range windows {
			if a >= w[0] && a <= w[1] {
				in = i
			} else if w[1] < a {
				prev = i
			}
		}
		switch {
		case in >= 0:
			w := windows[in]
			width := float64(w[1] - w[0] + 1)
			score := nabSigmoid(-float64(w[1]-a+1)/width) * nabTPWeight / nabSigmoid(-1)
			best[in] = max(best[in], score)
		case prev >= 0:
			w := windows[prev]
			s.raw += nabSigmoid(float64(a-w[1])/float64(w[1]-w[0])) * nabFPWeight
		default:
			s.raw += nabSigmoid(3) * nabFPWeight
		}
	}
	for i, w := range windows {
		if w[1] >= probation {
			s.raw += best[i]
		}
	}
	s.null, s.perfect = -nabFNWeight*float64(counted), nabTPWeight*float64(counted)
	return s
}
