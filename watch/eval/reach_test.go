package eval

import (
	"testing"
	"time"
)

func TestPoissonQuantile(t *testing.T) {
	for _, c := range []struct {
		mu, p float64
		want  int
	}{
		{1, 0.5, 2},       // P(X ≥ 1) = 0.63, P(X ≥ 2) = 0.26
		{1, 0.01, 5},      // P(X ≥ 4) = 0.019, P(X ≥ 5) = 0.0037
		{0.1, 1e-3, 3},    // P(X ≥ 2) = 0.0047, P(X ≥ 3) = 0.00015
		{2.5, 3.5e-4, 10}, // P(X ≥ 9) = 0.0011, P(X ≥ 10) = 0.00028
	} {
		if got := poissonQuantile(c.mu, c.p); got != c.want {
			t.Errorf("poissonQuantile(%v, %v) = %d, want %d", c.mu, c.p, got, c.want)
		}
	}
}

func TestStormOnset(t *testing.T) {
	start := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC) // a Monday
	sudden := storm{size: 20, start: start}
	slow := storm{size: 5, start: start, ramp: 2 * time.Hour}
	if got := sudden.onset(); !got.Equal(start) {
		t.Errorf("sudden storm: onset %v, want its start %v", got, start)
	}
	// 4 extra units reached linearly over two hours: the first one after
	// 30 minutes.
	if got := slow.onset(); !got.Equal(start.Add(30 * time.Minute)) {
		t.Errorf("slow 5× storm over 2 h: onset %v, want 30 minutes after %v", got, start)
	}
}

func TestReachDelay(t *testing.T) {
	start := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC) // a Monday
	at := func(size int, usual float64, ramp time.Duration) time.Duration {
		s := storm{size: size, start: start, end: start.Add(synthStorm), ramp: ramp, excess: float64(size-1) * usual}
		return reachDelay(&s, usual)
	}
	// 200 messages an hour where 10 are usual: a handful of minutes.
	if d := at(20, 10, 0); d <= 0 || d > 5*time.Minute {
		t.Errorf("sudden 20× storm on 10 an hour: reachable after %v, want within 5 minutes", d)
	}
	// 2.5 an hour where 0.5 are usual: chance brings a few messages within
	// minutes often enough that an hour is not enough.
	if d := at(5, 0.5, 0); d <= time.Hour {
		t.Errorf("sudden 5× storm on 0.5 an hour: reachable after %v, want more than an hour", d)
	}
	// A bigger storm on the same topic is seen sooner, and one that builds up
	// later than one that comes at once.
	if big, small := at(20, 2, 0), at(5, 2, 0); big >= small {
		t.Errorf("on 2 an hour a 20× storm is reachable after %v, a 5× one after %v: want the bigger sooner", big, small)
	}
	if slow, sudden := at(5, 10, 2*time.Hour), at(5, 10, 0); slow <= sudden {
		t.Errorf("on 10 an hour a slow 5× storm is reachable after %v, a sudden one after %v: want the slow one later", slow, sudden)
	}
	// A storm of no extra messages is never reached: its whole length.
	if d := at(1, 10, 0); d != synthStorm {
		t.Errorf("a storm without extra messages: reachable after %v, want %v", d, synthStorm)
	}
}
