package route

import (
	"slices"
	"time"
)

// Holiday is a public holiday: its date (midnight UTC, so that it compares
// as a plain calendar day) and its German name.
type Holiday struct {
	Date time.Time
	Name string
}

// States lists the codes of the sixteen German federal states.
var States = []string{"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"}

// ValidState reports whether s is a federal state code, or "" (nationwide
// holidays only).
func ValidState(s string) bool {
	return s == "" || slices.Contains(States, s)
}

// holidayRule says when one holiday falls and where it is kept: on a fixed
// month and day, or on the date a function gives for the year.
type holidayRule struct {
	name   string
	month  time.Month
	day    int
	date   func(year int) (time.Month, int)
	states []string // nil: nationwide
	since  int      // first year kept; 0: always
	only   []int    // the only years kept (one-off holidays); nil: every year
}

// holidayRules are the statutory public holidays kept state-wide. Holidays
// kept only in parts of a state are left out, so the calendar stays open on
// them: Mariä Himmelfahrt in Bavaria (only in mostly Catholic communities),
// Fronleichnam in parts of Saxony and Thuringia, and the Augsburger
// Friedensfest.
var holidayRules = []holidayRule{
	{name: "Neujahr", month: time.January, day: 1},
	{name: "Heilige Drei Könige", month: time.January, day: 6, states: []string{"BW", "BY", "ST"}},
	{name: "Internationaler Frauentag", month: time.March, day: 8, states: []string{"BE"}, since: 2019},
	{name: "Internationaler Frauentag", month: time.March, day: 8, states: []string{"MV"}, since: 2023},
	{name: "Karfreitag", date: easterPlus(-2)},
	{name: "Ostersonntag", date: easterPlus(0), states: []string{"BB"}},
	{name: "Ostermontag", date: easterPlus(1)},
	{name: "Tag der Arbeit", month: time.May, day: 1},
	{name: "Tag der Befreiung", month: time.May, day: 8, states: []string{"BE"}, only: []int{2020, 2025}},
	{name: "Christi Himmelfahrt", date: easterPlus(39)},
	{name: "Pfingstsonntag", date: easterPlus(49), states: []string{"BB"}},
	{name: "Pfingstmontag", date: easterPlus(50)},
	{name: "Fronleichnam", date: easterPlus(60), states: []string{"BW", "BY", "HE", "NW", "RP", "SL"}},
	{name: "Mariä Himmelfahrt", month: time.August, day: 15, states: []string{"SL"}},
	{name: "Weltkindertag", month: time.September, day: 20, states: []string{"TH"}, since: 2019},
	{name: "Tag der Deutschen Einheit", month: time.October, day: 3, since: 1990},
	{name: "Reformationstag", month: time.October, day: 31, states: []string{"BB", "MV", "SN", "ST", "TH"}},
	{name: "Reformationstag", month: time.October, day: 31, states: []string{"HB", "HH", "NI", "SH"}, since: 2018},
	{name: "Reformationstag", month: time.October, day: 31, states: reformation2017, only: []int{2017}},
	{name: "Allerheiligen", month: time.November, day: 1, states: []string{"BW", "BY", "NW", "RP", "SL"}},
	{name: "Buß- und Bettag", date: repentanceDay, states: []string{"SN"}},
	{name: "1. Weihnachtstag", month: time.December, day: 25},
	{name: "2. Weihnachtstag", month: time.December, day: 26},
}

// reformation2017 are the states where the 500th anniversary of the
// Reformation was a one-off holiday, all those not keeping it every year.
var reformation2017 = []string{"BW", "BY", "BE", "HB", "HH", "HE", "NI", "NW", "RP", "SL", "SH"}

// keptIn reports whether the rule applies in state in year.
func (r *holidayRule) keptIn(year int, state string) bool {
	if year < r.since || r.only != nil && !slices.Contains(r.only, year) {
		return false
	}
	return r.states == nil || slices.Contains(r.states, state)
}

// dateIn returns the rule's month and day in year.
func (r *holidayRule) dateIn(year int) (time.Month, int) {
	if r.date != nil {
		return r.date(year)
	}
	return r.month, r.day
}

// easterPlus returns the date function of a holiday days after Easter Sunday.
func easterPlus(days int) func(year int) (time.Month, int) {
	return func(year int) (time.Month, int) {
		d := Easter(year).AddDate(0, 0, days)
		return d.Month(), d.Day()
	}
}

// Holidays returns the public holidays of year in a federal state ("" for the
// nationwide ones only), in date order. An unknown state gets the nationwide
// holidays. Holidays kept only in parts of a state are not listed: Mariä
// Himmelfahrt is one in Saarland but not in Bavaria.
func Holidays(year int, state string) []Holiday {
	var out []Holiday
	for i := range holidayRules {
		r := &holidayRules[i]
		if !r.keptIn(year, state) {
			continue
		}
		m, d := r.dateIn(year)
		out = append(out, Holiday{Date: time.Date(year, m, d, 0, 0, 0, 0, time.UTC), Name: r.name})
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

// holidayOn returns the name of the holiday on a day in state, if any. It
// allocates nothing, as business-time arithmetic asks it for every day.
func holidayOn(year int, month time.Month, day int, state string) (string, bool) {
	for i := range holidayRules {
		r := &holidayRules[i]
		if !r.keptIn(year, state) {
			continue
		}
		if m, d := r.dateIn(year); m == month && d == day {
			return r.name, true
		}
	}
	return "", false
}

// Easter returns Easter Sunday of a year in the Gregorian calendar (midnight
// UTC), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// repentanceDay returns Buß- und Bettag: the last Wednesday before 23 November.
func repentanceDay(year int) (time.Month, int) {
	nov22 := time.Date(year, time.November, 22, 0, 0, 0, 0, time.UTC)
	back := (int(nov22.Weekday()) - int(time.Wednesday) + 7) % 7
	return time.November, 22 - back
}
