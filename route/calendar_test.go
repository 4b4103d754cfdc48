package route

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

var berlin = mustLoad("Europe/Berlin")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at returns a wall-clock time in Berlin.
func at(y int, m time.Month, d, hour, min int) time.Time {
	return time.Date(y, m, d, hour, min, 0, 0, berlin)
}

// officeWeek is Monday to Friday, 9 to 17.
func officeWeek() [7][]resonanz.Span {
	var w [7][]resonanz.Span
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = []resonanz.Span{{Start: 9 * 60, End: 17 * 60}}
	}
	return w
}

// allWeek is open around the clock every day, by the Berlin wall clock.
func allWeek() [7][]resonanz.Span {
	var w [7][]resonanz.Span
	for d := range w {
		w[d] = []resonanz.Span{{Start: 0, End: minutesPerDay}}
	}
	return w
}

func mustCompile(t testing.TB, c *resonanz.Calendar) *Hours {
	t.Helper()
	h, err := Compile(c)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func office(t testing.TB, state string, closed ...string) *Hours {
	return mustCompile(t, &resonanz.Calendar{TimeZone: "Europe/Berlin", Week: officeWeek(), State: state, Closed: closed})
}

func TestCompileErrors(t *testing.T) {
	week := func(spans ...resonanz.Span) [7][]resonanz.Span {
		w := officeWeek()
		w[time.Monday] = spans
		return w
	}
	tests := []struct {
		name  string
		cal   resonanz.Calendar
		field string
	}{
		{"UnknownTimeZone", resonanz.Calendar{TimeZone: "Europe/Atlantis", Week: officeWeek()}, "time_zone"},
		{"UnknownState", resonanz.Calendar{Week: officeWeek(), State: "XX"}, "state"},
		{"SpanEndsAfterMidnight", resonanz.Calendar{Week: week(resonanz.Span{Start: 600, End: 1500})}, "week"},
		{"SpanStartsBeforeMidnight", resonanz.Calendar{Week: week(resonanz.Span{Start: -10, End: 600})}, "week"},
		{"EmptySpan", resonanz.Calendar{Week: week(resonanz.Span{Start: 600, End: 600})}, "week"},
		{"Overlap", resonanz.Calendar{Week: week(resonanz.Span{Start: 780, End: 1020}, resonanz.Span{Start: 540, End: 800})}, "week"},
		{"NeverOpen", resonanz.Calendar{}, "week"},
		{"MalformedClosedDay", resonanz.Calendar{Week: officeWeek(), Closed: []string{"24.12.2026"}}, "closed"},
		{"ImpossibleClosedDay", resonanz.Calendar{Week: officeWeek(), Closed: []string{"2026-02-30"}}, "closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(&tt.cal)
			var e *resonanz.Error
			if err == nil {
				t.Fatal("no error")
			} else if !errors.As(err, &e) || e.Code != resonanz.EINVALID || e.Field != tt.field {
				t.Fatalf("error %v, want EINVALID on field %s", err, tt.field)
			}
		})
	}
}

func TestCompileAcceptsAdjacentSpansAndDefaultZone(t *testing.T) {
	w := officeWeek()
	w[time.Monday] = []resonanz.Span{{Start: 780, End: 1020}, {Start: 540, End: 780}}
	h := mustCompile(t, &resonanz.Calendar{Week: w})
	if h.Location().String() != DefaultTimeZone {
		t.Errorf("time zone %s, want %s", h.Location(), DefaultTimeZone)
	}
	// Adjacent spans merge: two hours from 12:00 run through the seam at 13:00.
	if got, want := h.Add(at(2026, 1, 19, 12, 0), 2*time.Hour), at(2026, 1, 19, 14, 0); !got.Equal(want) {
		t.Errorf("Add across the seam = %s, want %s", got, want)
	}
}

func TestNilHoursAroundTheClock(t *testing.T) {
	h, err := Compile(nil)
	if err != nil || h != nil {
		t.Fatalf("Compile(nil) = %v, %v", h, err)
	}
	start := at(2026, 3, 28, 12, 0)
	if got := h.Add(start, 30*time.Hour); !got.Equal(start.Add(30 * time.Hour)) {
		t.Errorf("Add = %s", got)
	}
	if got := h.Between(start, start.Add(90*time.Minute)); got != 90*time.Minute {
		t.Errorf("Between = %s", got)
	}
	if !h.Open(start) {
		t.Error("nil hours closed")
	}
}

func TestAdd(t *testing.T) {
	closedXmasEve := office(t, "BY", "2026-12-24")
	tests := []struct {
		name  string
		hours *Hours
		start time.Time
		d     time.Duration
		want  time.Time
	}{
		{"WithinDay", office(t, "BY"), at(2026, 1, 19, 10, 0), 2 * time.Hour, at(2026, 1, 19, 12, 0)},
		{"EndsAtClosing", office(t, "BY"), at(2026, 1, 19, 9, 0), 8 * time.Hour, at(2026, 1, 19, 17, 0)},
		{"NextMorning", office(t, "BY"), at(2026, 1, 19, 16, 0), 2 * time.Hour, at(2026, 1, 20, 10, 0)},
		{"OverWeekend", office(t, "BY"), at(2026, 1, 16, 16, 0), 8 * time.Hour, at(2026, 1, 19, 16, 0)},
		{"StartOnSaturday", office(t, "BY"), at(2026, 1, 17, 10, 0), time.Hour, at(2026, 1, 19, 10, 0)},
		{"StartAtNight", office(t, "BY"), at(2026, 1, 19, 23, 30), time.Hour, at(2026, 1, 20, 10, 0)},
		{"OverKarfreitagAndOstermontag", office(t, "BE"), at(2026, 4, 2, 16, 0), 2 * time.Hour, at(2026, 4, 7, 10, 0)},
		{"FronleichnamInBavaria", office(t, "BY"), at(2026, 6, 3, 16, 0), 2 * time.Hour, at(2026, 6, 5, 10, 0)},
		{"NoFronleichnamInBerlin", office(t, "BE"), at(2026, 6, 3, 16, 0), 2 * time.Hour, at(2026, 6, 4, 10, 0)},
		{"ExtraClosedDayAndChristmas", closedXmasEve, at(2026, 12, 23, 16, 0), 2 * time.Hour, at(2026, 12, 28, 10, 0)},
		{"OverSpringDST", office(t, ""), at(2026, 3, 27, 16, 0), 2 * time.Hour, at(2026, 3, 30, 10, 0)},
		{"OverAutumnDST", office(t, ""), at(2026, 10, 23, 16, 0), 2 * time.Hour, at(2026, 10, 26, 10, 0)},
		{"SpringDayIs23Hours", mustCompile(t, &resonanz.Calendar{Week: allWeek()}), at(2026, 3, 28, 12, 0), 24 * time.Hour, at(2026, 3, 29, 13, 0)},
		{"AutumnDayIs25Hours", mustCompile(t, &resonanz.Calendar{Week: allWeek()}), at(2026, 10, 24, 12, 0), 24 * time.Hour, at(2026, 10, 25, 11, 0)},
		{"ZeroDuration", office(t, "BY"), at(2026, 1, 17, 10, 0), 0, at(2026, 1, 17, 10, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.hours.Add(tt.start, tt.d)
			if !got.Equal(tt.want) {
				t.Errorf("Add(%s, %s) = %s, want %s", tt.start, tt.d, got.In(berlin), tt.want)
			}
			if tt.d > 0 {
				if back := tt.hours.Between(tt.start, got); back != tt.d {
					t.Errorf("Between(start, due) = %s, want %s", back, tt.d)
				}
			}
		})
	}
}

func TestBetween(t *testing.T) {
	all := mustCompile(t, &resonanz.Calendar{Week: allWeek()})
	tests := []struct {
		name  string
		hours *Hours
		a, b  time.Time
		want  time.Duration
	}{
		{"WorkWeek", office(t, ""), at(2026, 1, 19, 0, 0), at(2026, 1, 26, 0, 0), 40 * time.Hour},
		{"WorkWeekOverSpringDST", office(t, ""), at(2026, 3, 23, 9, 0), at(2026, 3, 30, 9, 0), 40 * time.Hour},
		{"WeekendOnly", office(t, ""), at(2026, 1, 17, 8, 0), at(2026, 1, 18, 20, 0), 0},
		{"EasterWeekBerlin", office(t, "BE"), at(2026, 3, 30, 0, 0), at(2026, 4, 12, 0, 0), 8 * 8 * time.Hour},
		{"SpringDSTAroundTheClock", all, at(2026, 3, 28, 0, 0), at(2026, 3, 30, 0, 0), 47 * time.Hour},
		{"AutumnDSTAroundTheClock", all, at(2026, 10, 25, 0, 0), at(2026, 10, 26, 0, 0), 25 * time.Hour},
		{"Backwards", office(t, ""), at(2026, 1, 20, 12, 0), at(2026, 1, 19, 12, 0), 0},
		{"PartialDays", office(t, ""), at(2026, 1, 19, 16, 30), at(2026, 1, 20, 9, 15), 45 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.hours.Between(tt.a, tt.b); got != tt.want {
				t.Errorf("Between(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestOpen(t *testing.T) {
	lunch := officeWeek()
	lunch[time.Monday] = []resonanz.Span{{Start: 9 * 60, End: 12 * 60}, {Start: 13 * 60, End: 17 * 60}}
	h := mustCompile(t, &resonanz.Calendar{Week: lunch, State: "BY", Closed: []string{"2026-01-20"}})
	tests := []struct {
		t    time.Time
		want bool
	}{
		{at(2026, 1, 19, 9, 0), true},
		{at(2026, 1, 19, 8, 59), false},
		{at(2026, 1, 19, 12, 30), false},
		{at(2026, 1, 19, 16, 59), true},
		{at(2026, 1, 19, 17, 0), false},
		{at(2026, 1, 20, 10, 0), false}, // extra closed day
		{at(2026, 1, 21, 10, 0), true},
		{at(2026, 1, 6, 10, 0), false}, // Heilige Drei Könige in Bavaria
		{at(2026, 1, 17, 10, 0), false},
		{at(2026, 1, 19, 9, 0).UTC(), true}, // same instant in another zone
	}
	for _, tt := range tests {
		if got := h.Open(tt.t); got != tt.want {
			t.Errorf("Open(%s) = %v, want %v", tt.t, got, tt.want)
		}
	}
	if name, closed := h.ClosedOn(at(2026, 1, 6, 10, 0)); !closed || name != "Heilige Drei Könige" {
		t.Errorf("ClosedOn(6 Jan) = %q, %v", name, closed)
	}
}

func TestCompileErrorNamesHours(t *testing.T) {
	w := officeWeek()
	w[time.Tuesday] = []resonanz.Span{{Start: 600, End: 1500}}
	_, err := Compile(&resonanz.Calendar{Week: w})
	if err == nil || !strings.Contains(resonanz.ErrorMessage(err), "Tuesday: hours 10:00–25:00") {
		t.Fatalf("error %v, want it to name Tuesday 10:00–25:00", err)
	}
}
