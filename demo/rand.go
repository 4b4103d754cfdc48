package demo

import "math/bits"

// rng is a splitmix64 generator. It is used instead of math/rand so that the
// output stays identical across Go releases and so that a generator for any
// message index can be created on the stack without allocating.
type rng struct{ s uint64 }

// Distinct salts keep the random streams of people, messages and the
// generator's bookkeeping independent even though they share one seed.
const (
	saltPerson  = 0x70e1b1a3c55d2f01
	saltMessage = 0x3c6ef372fe94f82b
	saltPlan    = 0x510e527fade682d1
)

func newRNG(seed int64, salt, n uint64) rng {
	r := rng{uint64(seed) ^ salt}
	r.s ^= mix(n + salt)
	return r
}

// mix is the splitmix64 finaliser; it turns neighbouring indices into
// unrelated states.
func mix(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix(r.s)
}

// intn returns a number in [0, n). Taking the high word of a product
// instead of a remainder avoids a division, which would dominate the cost
// of a stream message; the bias is far below anything a reader could notice.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// chance reports true with probability percent/100.
func (r *rng) chance(percent int) bool {
	return r.intn(100) < percent
}

// weights are cumulative so that a pick needs no summing.
type weights []int

func cumulative(w []int) weights {
	sum := make(weights, len(w))
	total := 0
	for i, x := range w {
		total += x
		sum[i] = total
	}
	return sum
}

// weighted picks an index with probability proportional to its weight.
func (r *rng) weighted(w weights) int {
	n := r.intn(w[len(w)-1])
	for i, upTo := range w {
		if n < upTo {
			return i
		}
	}
	return len(w) - 1
}

func pick[T any](r *rng, xs []T) T {
	return xs[r.intn(len(xs))]
}
