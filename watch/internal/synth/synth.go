// Package synth generates the streams the storm detector is measured and
// tested on: the rhythm of a customer topic over the day and the week, and
// random numbers fixed by a seed. Package watch/eval builds its evaluation
// streams from it and the tests of package watch their constructed ones, so
// both see the same customers.
package synth

import (
	"math"
	"time"
)

var (
	// Hours are the shares of the peak rate in each hour of the day, read
	// between hour centres (see DayShare).
	Hours = [24]float64{.15, .08, .05, .04, .04, .08, .25, .55, .85, 1, 1, .95, .9, .9, .9, .95, 1, 1, .95, .95, .9, .8, .5, .3}
	// Week is a topic's level on each weekday: Monday brings the weekend's
	// backlog, Sunday is quiet.
	Week = [7]float64{time.Sunday: .5, time.Monday: 1.2, time.Tuesday: 1, time.Wednesday: 1, time.Thursday: 1, time.Friday: .95, time.Saturday: .7}
	// Shop is the week of a shop's topic, which peaks on Saturday.
	Shop = [7]float64{time.Sunday: .3, time.Monday: .9, time.Tuesday: .9, time.Wednesday: .9, time.Thursday: 1, time.Friday: 1.1, time.Saturday: 1.5}
)

// DayShare returns the share of the peak rate at t's time of day, read
// linearly between the centres of the hours.
func DayShare(t time.Time) float64 {
	h := float64(t.Hour()) + float64(t.Minute())/60 + float64(t.Second())/3600 - 0.5
	i := math.Floor(h)
	f := h - i
	a, b := int(i+24)%24, int(i+25)%24
	return Hours[a]*(1-f) + Hours[b]*f
}

// Usual returns the messages per hour at t of a topic with peak messages an
// hour at the busiest time of an ordinary day, in the rhythm of week.
func Usual(peak float64, week *[7]float64, t time.Time) float64 {
	return peak * DayShare(t) * week[t.Weekday()]
}

// RNG is a splitmix64 generator: unlike math/rand its output is fixed by
// this code, so a seed gives the same stream in every Go release.
type RNG struct{ s uint64 }

// NewRNG returns the generator of seed.
func NewRNG(seed int64) RNG { return RNG{uint64(seed)} }

func (r *RNG) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// Float returns a number in [0, 1).
func (r *RNG) Float() float64 { return float64(r.next()>>11) / (1 << 53) }

// Intn returns a number in [0, n).
func (r *RNG) Intn(n int) int { return int(r.Float() * float64(n)) }

// Normal returns a standard normal number (Box–Muller).
func (r *RNG) Normal() float64 {
	return math.Sqrt(-2*math.Log(1-r.Float())) * math.Cos(2*math.Pi*r.Float())
}

// Poisson returns a Poisson count with mean lambda by Knuth's method, which
// is exact and fast for the few dozen messages a bucket holds here.
func (r *RNG) Poisson(lambda float64) int {
	limit, p, n := math.Exp(-lambda), r.Float(), 0
	for p > limit {
		p *= r.Float()
		n++
	}
	return n
}
