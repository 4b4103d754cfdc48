package watch

import (
	"math"
	"time"
)

// The day of a customer topic, as the generated stream of package eval
// has it: hourly shares of the peak, read between hour centres, and a week
// with Monday's backlog and a quiet Sunday.
var (
	synthHours = [24]float64{.15, .08, .05, .04, .04, .08, .25, .55, .85, 1, 1, .95, .9, .9, .9, .95, 1, 1, .95, .95, .9, .8, .5, .3}
	synthWeek  = [7]float64{time.Sunday: .5, time.Monday: 1.2, time.Tuesday: 1, time.Wednesday: 1, time.Thursday: 1, time.Friday: .95, time.Saturday: .7}
)

// dayShare returns the share of the peak rate at t's time of day, read
// linearly between the centres of the hours.
func dayShare(t time.Time) float64 {
	h := float64(t.Hour()) + float64(t.Minute())/60 + float64(t.Second())/3600 - 0.5
	i := math.Floor(h)
	f := h - i
	a, b := int(i+24)%24, int(i+25)%24
	return synthHours[a]*(1-f) + synthHours[b]*f
}

// rng is a splitmix64 generator: unlike math/rand its output is fixed by
// this code, so a seed gives the same stream in every Go release.
type rng struct{ s uint64 }

func newRNG(seed int64) rng { return rng{uint64(seed)} }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

func (r *rng) intn(n int) int { return int(r.float() * float64(n)) }

// normal returns a standard normal number (Box–Muller).
func (r *rng) normal() float64 {
	return math.Sqrt(-2*math.Log(1-r.float())) * math.Cos(2*math.Pi*r.float())
}

// poisson returns a Poisson count with mean lambda by Knuth's method, which
// is exact and fast for the few dozen messages a bucket holds here.
func (r *rng) poisson(lambda float64) int {
	limit, p, n := math.Exp(-lambda), r.float(), 0
	for p > limit {
		p *= r.float()
		n++
	}
	return n
}
