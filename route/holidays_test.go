package route

import (
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestEaster(t *testing.T) {
	for _, want := range []time.Time{
		date(1818, time.March, 22), // earliest possible
		date(1943, time.April, 25), // latest possible
		date(2000, time.April, 23),
		date(2008, time.March, 23),
		date(2019, time.April, 21),
		date(2024, time.March, 31),
		date(2025, time.April, 20),
		date(2026, time.April, 5),
		date(2027, time.March, 28),
		date(2038, time.April, 25),
	} {
		if got := Easter(want.Year()); !got.Equal(want) {
			t.Errorf("Easter(%d) = %s, want %s", want.Year(), got.Format(time.DateOnly), want.Format(time.DateOnly))
		}
	}
}

func TestHolidaysByState(t *testing.T) {
	tests := []struct {
		state string
		day   time.Time
		name  string // "" when the day is no holiday in state
	}{
		{"BE", date(2026, time.April, 3), "Karfreitag"},
		{"", date(2026, time.April, 6), "Ostermontag"},
		{"HH", date(2026, time.May, 14), "Christi Himmelfahrt"},
		{"NW", date(2026, time.May, 25), "Pfingstmontag"},
		{"BY", date(2026, time.June, 4), "Fronleichnam"},
		{"BE", date(2026, time.June, 4), ""},
		{"SN", date(2026, time.June, 4), ""},
		{"SN", date(2024, time.November, 20), "Buß- und Bettag"},
		{"SN", date(2025, time.November, 19), "Buß- und Bettag"},
		{"SN", date(2026, time.November, 18), "Buß- und Bettag"},
		{"BY", date(2025, time.November, 19), ""},
		{"NI", date(2024, time.October, 31), "Reformationstag"},
		{"NI", date(2016, time.October, 31), ""},
		{"BY", date(2017, time.October, 31), "Reformationstag"},
		{"BY", date(2018, time.October, 31), ""},
		{"TH", date(2010, time.October, 31), "Reformationstag"},
		{"NW", date(2026, time.November, 1), "Allerheiligen"},
		{"NI", date(2026, time.November, 1), ""},
		{"BW", date(2026, time.January, 6), "Heilige Drei Könige"},
		{"NW", date(2026, time.January, 6), ""},
		{"BE", date(2024, time.March, 8), "Internationaler Frauentag"},
		{"MV", date(2024, time.March, 8), "Internationaler Frauentag"},
		{"MV", date(2022, time.March, 8), ""},
		{"BY", date(2024, time.March, 8), ""},
		{"TH", date(2024, time.September, 20), "Weltkindertag"},
		{"TH", date(2018, time.September, 20), ""},
		{"SL", date(2026, time.August, 15), "Mariä Himmelfahrt"},
		{"BY", date(2026, time.August, 15), ""},
		{"BE", date(2025, time.May, 8), "Tag der Befreiung"},
		{"BE", date(2026, time.May, 8), ""},
		{"BB", date(2026, time.April, 5), "Ostersonntag"},
		{"", date(2026, time.October, 3), "Tag der Deutschen Einheit"},
		{"", date(2026, time.December, 26), "2. Weihnachtstag"},
		{"", date(2026, time.December, 24), ""},
	}
	for _, tt := range tests {
		got, _ := holidayOn(tt.day.Year(), tt.day.Month(), tt.day.Day(), tt.state)
		if got != tt.name {
			t.Errorf("%s in %q: holiday %q, want %q", tt.day.Format(time.DateOnly), tt.state, got, tt.name)
		}
		listed := ""
		for _, h := range Holidays(tt.day.Year(), tt.state) {
			if h.Date.Equal(tt.day) {
				listed = h.Name
			}
		}
		if listed != tt.name {
			t.Errorf("Holidays(%d, %q) lists %q on %s, want %q", tt.day.Year(), tt.state, listed, tt.day.Format(time.DateOnly), tt.name)
		}
	}
}

func TestHolidaysCountAndOrder(t *testing.T) {
	tests := []struct {
		state string
		want  int
	}{
		{"", 9}, {"BY", 12}, {"BW", 12}, {"SL", 12}, {"BE", 10}, {"SN", 11}, {"NI", 10}, {"BB", 12}, {"TH", 11},
	}
	for _, tt := range tests {
		list := Holidays(2026, tt.state)
		if len(list) != tt.want {
			t.Errorf("Holidays(2026, %q): %d holidays, want %d: %v", tt.state, len(list), tt.want, list)
		}
		for i := 1; i < len(list); i++ {
			if !list[i-1].Date.Before(list[i].Date) {
				t.Errorf("Holidays(2026, %q) out of order at %s", tt.state, list[i].Name)
			}
		}
	}
}

func TestRepentanceDayIsWednesdayBefore23November(t *testing.T) {
	for year := 1995; year <= 2100; year++ {
		m, d := repentanceDay(year)
		day := date(year, m, d)
		if day.Weekday() != time.Wednesday || d < 16 || d > 22 || m != time.November {
			t.Fatalf("repentanceDay(%d) = %s", year, day.Format("Mon 2006-01-02"))
		}
	}
}
