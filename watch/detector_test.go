package watch

import (
	"bytes"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/resonanz/resonanz/watch/internal/synth"
)

// monday is midnight UTC at the start of the constructed streams.
var monday = time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)

// stream feeds d with one count per five minutes for key from monday on,
// drawn from a Poisson distribution around rate(t) messages per hour, and
// returns the times at which alarms were raised together with the alarms.
func stream(t *testing.T, d *Detector, key string, seed int64, from, to time.Duration, rate func(time.Time) float64) ([]time.Time, []Alarm) {
	t.Helper()
	r := synth.NewRNG(seed)
	var at []time.Time
	var alarms []Alarm
	for tt := monday.Add(from); tt.Before(monday.Add(to)); tt = tt.Add(5 * time.Minute) {
		if a, ok := d.Observe(key, tt, r.Poisson(rate(tt)/12)); ok {
			at, alarms = append(at, tt), append(alarms, a)
		}
	}
	return at, alarms
}

func newDetector(t *testing.T) *Detector {
	t.Helper()
	d, err := NewDetector(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// rhythm is a topic with 30 messages an hour at peak in the rhythm of the
// generated stream of package eval: few at night, most in the day, a busy
// Monday and a quiet Sunday.
func rhythm(t time.Time) float64 {
	return synth.Usual(30, &synth.Week, t)
}

// storm adds size-1 times the usual rate from start for hours, reached
// linearly over ramp.
func withStorm(base func(time.Time) float64, start time.Time, size float64, ramp, length time.Duration) func(time.Time) float64 {
	return func(t time.Time) float64 {
		since := t.Sub(start)
		if since < 0 || since >= length {
			return base(t)
		}
		share := 1.0
		if since < ramp {
			share = float64(since) / float64(ramp)
		}
		return base(t) + share*(size-1)*base(start)
	}
}

const week = 7 * 24 * time.Hour

func TestFlatStreamRaisesNoAlarm(t *testing.T) {
	d := newDetector(t)
	at, _ := stream(t, d, "delivery", 1, 0, 5*week, func(time.Time) float64 { return 20 })
	if len(at) > 0 {
		t.Errorf("alarms at %v on a flat stream", at)
	}
}

func TestDailyAndWeeklyRhythmRaisesNoAlarm(t *testing.T) {
	// Every morning the count grows tenfold within hours and every Monday
	// brings more than Sunday: that is the usual, not a storm.
	d := newDetector(t)
	at, _ := stream(t, d, "delivery", 2, 0, 5*week, rhythm)
	if len(at) > 0 {
		t.Errorf("alarms at %v on a stream with daily and weekly rhythm", at)
	}
}

func TestSuddenStormRaisesOneAlarmWithinMinutes(t *testing.T) {
	d := newDetector(t)
	start := monday.Add(3*week + 2*24*time.Hour + 10*time.Hour) // a Wednesday, 10:00
	at, alarms := stream(t, d, "delivery", 3, 0, 3*week+4*24*time.Hour, withStorm(rhythm, start, 10, 0, 6*time.Hour))
	if len(alarms) != 1 {
		t.Fatalf("got alarms at %v, want one for the storm at %v", at, start)
	}
	a := alarms[0]
	if delay := at[0].Sub(start); delay < 0 || delay > 15*time.Minute {
		t.Errorf("alarm %v after the storm began, want within 15 minutes", delay)
	}
	if a.Key != "delivery" || a.Start.Before(start.Add(-10*time.Minute)) || a.Start.After(at[0]) {
		t.Errorf("alarm %+v: want key delivery and a start near %v", a, start)
	}
	if a.Ratio < 3 || float64(a.Count) <= a.Expected || a.Growth <= 1 {
		t.Errorf("alarm %+v: want a count at least three times the usual and growing", a)
	}
}

func TestSlowBuildUpRaisesAlarm(t *testing.T) {
	d := newDetector(t)
	start := monday.Add(3*week + 3*24*time.Hour + 9*time.Hour) // a Thursday, 9:00
	at, alarms := stream(t, d, "payment", 4, 0, 3*week+5*24*time.Hour, withStorm(rhythm, start, 5, 3*time.Hour, 8*time.Hour))
	if len(at) != 1 {
		t.Fatalf("got alarms at %v, want one for the storm building up from %v", at, start)
	}
	if delay := at[0].Sub(start); delay < 0 || delay > 3*time.Hour {
		t.Errorf("alarm %v after the build-up began, want before it reaches its full size", delay)
	}
	if a := alarms[0]; a.Start.Before(start) || a.Start.After(at[0]) {
		t.Errorf("burst start %v: want between %v and the alarm at %v", a.Start, start, at[0])
	}
}

func TestSecondStormRaisesSecondAlarm(t *testing.T) {
	d := newDetector(t)
	first := monday.Add(3*week + 11*time.Hour)
	second := first.Add(2 * 24 * time.Hour)
	rate := withStorm(withStorm(rhythm, first, 8, 0, 4*time.Hour), second, 8, 0, 4*time.Hour)
	at, _ := stream(t, d, "app", 5, 0, 3*week+4*24*time.Hour, rate)
	if len(at) != 2 || at[0].Before(first) || at[1].Before(second) {
		t.Errorf("got alarms at %v, want one from %v and one from %v", at, first, second)
	}
}

func TestFewMessagesOnQuietTopicRaiseNoAlarm(t *testing.T) {
	// A topic with a message every other hour, and one nobody wrote about
	// for three weeks: then three messages within two minutes on each.
	d := newDetector(t)
	at, _ := stream(t, d, "hotline", 6, 0, 3*week, func(time.Time) float64 { return 0.5 })
	if len(at) > 0 {
		t.Errorf("alarms at %v on a quiet topic", at)
	}
	for _, key := range []string{"hotline", "recall"} {
		for i := range 3 {
			if a, ok := d.Observe(key, monday.Add(3*week+10*time.Hour+time.Duration(i)*time.Minute), 1); ok {
				t.Errorf("alarm %+v on three messages", a)
			}
		}
	}
}

func TestBurstyTopicMustBurstHigherThanUsual(t *testing.T) {
	// Every afternoon a bot posts a burst of 8× the usual for ten minutes.
	// After a few days that is what the topic does; a burst ten times as
	// big still alarms.
	d := newDetector(t)
	big := monday.Add(4*week + 16*time.Hour)
	at, _ := stream(t, d, "social", 7, 0, 4*week+24*time.Hour, func(tt time.Time) float64 {
		switch mins := tt.Hour()*60 + tt.Minute(); {
		case tt.Truncate(24*time.Hour).Equal(big.Truncate(24*time.Hour)) && mins >= 16*60 && mins < 16*60+10:
			return 80 * 20
		case mins >= 16*60 && mins < 16*60+10:
			return 8 * 20
		default:
			return 20
		}
	})
	var late []time.Time
	for _, a := range at {
		if a.After(monday.Add(week)) {
			late = append(late, a)
		}
	}
	if len(late) != 1 || late[0].Before(big) || late[0].After(big.Add(10*time.Minute)) {
		t.Errorf("alarms after the first week at %v, want only one for the big burst at %v", late, big)
	}
}

func TestRestoredDetectorAlarmsLikeUninterrupted(t *testing.T) {
	rate := withStorm(withStorm(rhythm, monday.Add(3*week+14*time.Hour), 6, 0, 5*time.Hour),
		monday.Add(3*week+3*24*time.Hour+9*time.Hour), 4, 2*time.Hour, 8*time.Hour)
	restart := 3*week + 24*time.Hour + 17*time.Hour + 25*time.Minute
	end := 3*week + 5*24*time.Hour

	through := newDetector(t)
	stream(t, through, "delivery", 8, 0, restart, rate)
	stream(t, through, "payment", 9, 0, restart, rhythm)
	data, err := through.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	restored, err := Restore(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := restored.Snapshot()
	if err != nil || !bytes.Equal(again, data) {
		t.Fatalf("snapshot of the restored detector differs (err %v)", err)
	}

	wantAt, want := stream(t, through, "delivery", 10, restart, end, rate)
	gotAt, got := stream(t, restored, "delivery", 10, restart, end, rate)
	if len(want) == 0 {
		t.Fatal("the stream after the restart raised no alarm; the test proves nothing")
	}
	if !reflect.DeepEqual(gotAt, wantAt) || !reflect.DeepEqual(got, want) {
		t.Errorf("restored detector alarmed at %v, uninterrupted one at %v", gotAt, wantAt)
	}
}

func TestRestoreRejectsDamagedSnapshot(t *testing.T) {
	d := newDetector(t)
	stream(t, d, "delivery", 11, 0, 24*time.Hour, rhythm)
	data, err := d.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(data[:len(data)/2]); err == nil {
		t.Error("restored half a snapshot")
	}
}

func TestNewDetectorRejectsBadConfig(t *testing.T) {
	for name, change := range map[string]func(*Config){
		"bucket not dividing a day": func(c *Config) { c.Bucket = 7 * time.Minute },
		"window not whole buckets":  func(c *Config) { c.Windows = []time.Duration{7 * time.Minute} },
		"no windows":                func(c *Config) { c.Windows = nil },
		"no days":                   func(c *Config) { c.Days = 0 },
		"no threshold":              func(c *Config) { c.Threshold = 0 },
	} {
		cfg := DefaultConfig()
		change(&cfg)
		if _, err := NewDetector(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// sortedMedian is the median by its definition, to check the fast ones.
func sortedMedian(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sortSmall(s)
	n := len(s)
	return (s[(n-1)/2] + s[n/2]) / 2
}

func TestMedianDeviation(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64 // the median
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{2, 2, 2, 9, 9, 2}, 2},
	} {
		if got := sortedMedian(c.in); got != c.want {
			t.Fatalf("test case %v: median %v, want %v", c.in, got, c.want)
		}
		sorted := append([]float64(nil), c.in...)
		sortSmall(sorted)
		dev := make([]float64, len(sorted))
		for i, v := range sorted {
			dev[i] = math.Abs(v - c.want)
		}
		if got, want := medianDeviation(sorted, c.want), sortedMedian(dev); got != want {
			t.Errorf("medianDeviation(%v) = %v, want %v", c.in, got, want)
		}
	}
}
