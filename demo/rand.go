package demo

// rng is a splitmix64 generator. It is used instead of math/rand so that the
// output stays identical across Go releases and so that a generator for any
// message index can be created on the stack without allocating.
type rng struct{ s uint64 }

// Distinct salts keep the random streams of people, messages and the
// generator's bookkeeping independent even though they share one seed.
const (
	saltPerson  = 0x70e1b1a3c55d2f01
	saltMessage = 0x3c6ef372fe94f82b
	saltWords   = 0xa54ff53a5f1d36f1
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

// intn returns a number in [0, n). The modulo bias is far below anything a
// reader of demo data could notice.
func (r *rng) intn(n int) int {
	return int(r.next() % uint64(n))
}

// chance reports true with probability percent/100.
func (r *rng) chance(percent int) bool {
	return r.intn(100) < percent
}

// weighted picks an index with probability proportional to its weight.
func (r *rng) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.intn(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func pick[T any](r *rng, xs []T) T {
	return xs[r.intn(len(xs))]
}
