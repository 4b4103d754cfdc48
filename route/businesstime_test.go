package route

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// TestAddBetweenRoundTrip checks on random inputs that Between undoes Add,
// and that Add of the business time between a and b lands on b or on the
// last closing before it.
func TestAddBetweenRoundTrip(t *testing.T) {
	// Sunday hours that straddle the hour skipped in spring, split so that
	// their real-time intervals overlap on that day.
	odd := officeWeek()
	odd[time.Sunday] = []resonanz.Span{{Start: 100, End: 170}, {Start: 180, End: 240}, {Start: 22 * 60, End: minutesPerDay}}
	odd[time.Monday] = []resonanz.Span{{Start: 0, End: 60}, {Start: 9 * 60, End: 12 * 60}, {Start: 13 * 60, End: 17 * 60}}
	calendars := map[string]*Hours{
		"office":  office(t, "BY", "2026-12-24", "2027-12-31"),
		"allWeek": mustCompile(t, &resonanz.Calendar{Week: allWeek(), State: "SN"}),
		"odd":     mustCompile(t, &resonanz.Calendar{Week: odd, State: "BE"}),
		"utc":     mustCompile(t, &resonanz.Calendar{TimeZone: "UTC", Week: officeWeek()}),
		"nil":     nil,
	}
	rng := rand.New(rand.NewPCG(1, 2))
	from := at(2024, 1, 1, 0, 0)
	randomTime := func() time.Time {
		return from.Add(time.Duration(rng.Int64N(int64(4 * 365 * 24 * time.Hour))))
	}
	for name, h := range calendars {
		for range 2000 {
			a := randomTime()
			d := time.Duration(rng.Int64N(int64(200 * time.Hour)))
			if rng.IntN(4) == 0 { // whole hours, to hit span edges
				d = d.Truncate(time.Hour)
			}
			due := h.Add(a, d)
			if got := h.Between(a, due); got != d {
				t.Fatalf("%s: Between(%s, Add(%s)) = %s, want %s", name, a, d, got, d)
			}
			if due.Before(a) {
				t.Fatalf("%s: Add(%s, %s) = %s, before start", name, a, d, due)
			}
			b := a.Add(time.Duration(rng.Int64N(int64(30 * 24 * time.Hour))))
			back := h.Add(a, h.Between(a, b))
			if back.After(b) || h.Between(back, b) != 0 {
				t.Fatalf("%s: Add(%s, Between(a, %s)) = %s", name, a, b, back)
			}
		}
	}
}

func BenchmarkAddFiveBusinessDays(b *testing.B) {
	h := office(b, "BY")
	start := at(2026, 4, 1, 16, 0)
	for b.Loop() {
		h.Add(start, 40*time.Hour)
	}
}
