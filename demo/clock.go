package demo

const (
	day    = 24 * 60 * 60
	window = 30 * day // how far back messages reach
)

// Chance in percent that a message sampled at a given hour is kept: people
// write from breakfast to late evening and hardly at night. Hours are UTC,
// which is close enough to local time for a demo.
var hourWeight = [24]int{15, 8, 5, 4, 4, 8, 25, 55, 85, 100, 100, 95, 90, 90, 90, 95, 100, 100, 95, 95, 90, 80, 50, 30}

// Staff can only write notes while the store is open, Monday to Saturday 9–20.
var storeHourWeight = [24]int{9: 60, 10: 90, 11: 100, 12: 100, 13: 100, 14: 100, 15: 100, 16: 100, 17: 100, 18: 90, 19: 70}

// sunday keeps this share of a weekday's traffic.
const sunday = 45

// sampleTime returns Unix seconds in (end-window, end] following the daily
// and weekly rhythm. Rejection sampling needs under two tries on average and
// no tables, so it is cheap enough for the stream.
func sampleTime(r *rng, end int64, ch channel) int64 {
	for {
		t := end - int64(r.intn(window))
		secs := t % day
		if secs < 0 {
			secs += day
		}
		isSunday := ((t-secs)/day+4)%7 == 0 // 1 January 1970 was a Thursday
		w := hourWeight[secs/3600]
		switch {
		case ch == instore && isSunday:
			w = 0
		case ch == instore:
			w = storeHourWeight[secs/3600]
		case isSunday:
			w = w * sunday / 100
		}
		if r.intn(100) < w {
			return t
		}
	}
}

// startOfDay returns the Unix seconds of midnight UTC on the day of t.
func startOfDay(t int64) int64 {
	secs := t % day
	if secs < 0 {
		secs += day
	}
	return t - secs
}
