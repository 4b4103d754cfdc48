package report

import (
	"testing"
	"time"
)

// TestSummarize: the nearest-rank median and 90th percentile, worked out by hand.
func TestSummarize(t *testing.T) {
	m := func(n ...int) []time.Duration {
		var ds []time.Duration
		for _, x := range n {
			ds = append(ds, time.Duration(x)*time.Minute)
		}
		return ds
	}
	for _, tc := range []struct {
		name        string
		minutes     []time.Duration
		median, p90 time.Duration
	}{
		{"None", nil, 0, 0},
		{"One", m(7), 7 * time.Minute, 7 * time.Minute},
		{"EvenTakesTheLowerMiddle", m(40, 10, 30, 20), 20 * time.Minute, 40 * time.Minute},
		{"TenValues", m(10, 1, 9, 2, 8, 3, 7, 4, 6, 5), 5 * time.Minute, 9 * time.Minute},
		{"ElevenValuesP90IsTheTenth", m(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100), 6 * time.Minute, 10 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summarize(tc.minutes)
			if got.Count != len(tc.minutes) || got.Median != tc.median || got.P90 != tc.p90 {
				t.Errorf("got %+v; want median %s, p90 %s of %d", got, tc.median, tc.p90, len(tc.minutes))
			}
		})
	}
}

// TestPeriodAcrossDaylightSaving: a week in Berlin over the spring change
// has seven days, each bar starting at a local midnight, one of them 23 hours long.
func TestPeriodAcrossDaylightSaving(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	p := NewPeriod(time.Date(2030, 3, 30, 15, 0, 0, 0, time.UTC), time.Date(2030, 4, 5, 1, 0, 0, 0, berlin), berlin)
	buckets := p.Buckets()
	if p.Days != 7 || len(buckets) != 7 {
		t.Fatalf("%d days, %d buckets; want 7", p.Days, len(buckets))
	}
	if short := buckets[1].To.Sub(buckets[1].From); short != 23*time.Hour {
		t.Errorf("31 March lasts %s; want 23h", short)
	}
	for _, b := range buckets {
		if h, m, _ := b.From.In(berlin).Clock(); h != 0 || m != 0 {
			t.Errorf("bucket starts at %s; want a local midnight", b.From.In(berlin))
		}
	}
	if long := NewPeriod(time.Date(2030, 1, 1, 0, 0, 0, 0, berlin), time.Date(2030, 3, 31, 0, 0, 0, 0, berlin), berlin); len(long.Buckets()) != 13 {
		t.Errorf("90 days in %d buckets; want 13 weeks", len(long.Buckets()))
	}
}
