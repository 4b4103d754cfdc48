package watch

import (
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz/watch/internal/synth"
)

// BenchmarkObserve feeds a busy inbox: 100 negative messages every five
// minutes over 20 topics of different size, each counted under its topic
// and under "all", after three weeks of history so that every baseline is
// in use.
func BenchmarkObserve(b *testing.B) {
	d, err := NewDetector(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	topics := make([]string, 20)
	for i := range topics {
		topics[i] = fmt.Sprintf("topic-%d", i)
	}
	r := synth.NewRNG(1)
	t := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	step := 3 * time.Second // 100 messages per bucket
	observe := func() {
		// Topics differ in size, as real ones do: the product of two
		// uniform numbers picks the first ones far more often.
		k := int(float64(len(topics)) * r.Float() * r.Float())
		d.Observe(topics[k], t, 1)
		d.Observe("all", t, 1)
		t = t.Add(step)
	}
	for range 3 * 7 * 24 * time.Hour / step {
		observe()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i += 2 {
		observe()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}

// BenchmarkObserveBuckets is the worst case: every update opens a new
// bucket of its key, as when counts per bucket are fed (EvalNAB).
func BenchmarkObserveBuckets(b *testing.B) {
	d, err := NewDetector(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	r := synth.NewRNG(1)
	counts := make([]int, 4096)
	for i := range counts {
		counts[i] = r.Poisson(50)
	}
	t := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	for i := range 3 * 7 * 288 {
		d.Observe("all", t, counts[i%len(counts)])
		t = t.Add(5 * time.Minute)
	}
	b.ResetTimer()
	for i := range b.N {
		d.Observe("all", t, counts[i%len(counts)])
		t = t.Add(5 * time.Minute)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}
