package route

import (
	"fmt"
	"slices"
	"time"

	"github.com/resonanz/resonanz"
)

// DefaultTimeZone is the time zone of a calendar that names none.
const DefaultTimeZone = "Europe/Berlin"

// minutesPerDay bounds the minutes of a span.
const minutesPerDay = 24 * 60

// maxDays bounds the days Add and Between walk, so that no input can keep
// them busy: a hundred years, far beyond any answer-time goal.
const maxDays = 100 * 366

// Hours is a compiled calendar: it answers when the business is open and
// does arithmetic in business time. Open hours are wall-clock times of each
// local day, so a day with a daylight-saving change is an hour shorter or
// longer if it is open around the change. A nil *Hours is open around the
// clock. Hours is safe for concurrent use.
type Hours struct {
	loc    *time.Location
	week   [7][]resonanz.Span // sorted, adjacent spans merged
	state  string
	closed map[civilDay]bool
}

// civilDay is a calendar day, independent of any time zone.
type civilDay struct {
	year  int
	month time.Month
	day   int
}

// dayOf returns the local calendar day of t.
func dayOf(t time.Time) civilDay {
	y, m, d := t.Date()
	return civilDay{y, m, d}
}

// next returns the following day.
func (d civilDay) next() civilDay {
	return dayOf(time.Date(d.year, d.month, d.day+1, 12, 0, 0, 0, time.UTC))
}

// weekday returns the day of the week.
func (d civilDay) weekday() time.Weekday {
	return time.Date(d.year, d.month, d.day, 12, 0, 0, 0, time.UTC).Weekday()
}

// at returns the instant minutes after the day's local midnight, by the wall
// clock: 1440 is the next midnight.
func (d civilDay) at(minutes int, loc *time.Location) time.Time {
	return time.Date(d.year, d.month, d.day, minutes/60, minutes%60, 0, 0, loc)
}

// Compile checks a calendar and compiles it. A nil calendar compiles to nil
// Hours: open around the clock. Errors are EINVALID and name the field at
// fault: time_zone, week, state or closed.
func Compile(c *resonanz.Calendar) (*Hours, error) {
	if c == nil {
		return nil, nil
	}
	tz := c.TimeZone
	if tz == "" {
		tz = DefaultTimeZone
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, resonanz.FieldError("time_zone", "Unknown time zone %q.", c.TimeZone).Keyed("calendar.zone")
	}
	if !ValidState(c.State) {
		return nil, resonanz.FieldError("state", "Unknown federal state %q; use one of %v or none.", c.State, States).Keyed("calendar.state")
	}
	h := &Hours{loc: loc, state: c.State, closed: make(map[civilDay]bool, len(c.Closed))}
	open := false
	for wd, spans := range c.Week {
		merged, err := compileSpans(time.Weekday(wd), spans)
		if err != nil {
			return nil, err
		}
		h.week[wd] = merged
		open = open || len(merged) > 0
	}
	if !open {
		return nil, resonanz.FieldError("week", "The calendar has no open hours at all.").Keyed("calendar.closed")
	}
	for _, s := range c.Closed {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, resonanz.FieldError("closed", "Closed day %q is not a date like 2026-12-24.", s).Keyed("calendar.day")
		}
		h.closed[dayOf(t)] = true
	}
	return h, nil
}

// CheckCalendar tells a lead what is wrong with a calendar before it is saved.
func CheckCalendar(c *resonanz.Calendar) error {
	_, err := Compile(c)
	return err
}

// compileSpans checks the spans of one weekday and returns them sorted, with
// adjacent spans merged so that no business time is split at their seam.
func compileSpans(wd time.Weekday, spans []resonanz.Span) ([]resonanz.Span, error) {
	sorted := slices.Clone(spans)
	slices.SortFunc(sorted, func(a, b resonanz.Span) int { return a.Start - b.Start })
	var out []resonanz.Span
	for _, s := range sorted {
		if s.Start < 0 || s.End > minutesPerDay || s.Start >= s.End {
			return nil, resonanz.FieldError("week", "%s: hours %s–%s are out of range.", wd, clock(s.Start), clock(s.End))
		}
		if n := len(out); n > 0 && s.Start < out[n-1].End {
			return nil, resonanz.FieldError("week", "%s: hours %s–%s overlap %s–%s.", wd,
				clock(s.Start), clock(s.End), clock(out[n-1].Start), clock(out[n-1].End))
		}
		if n := len(out); n > 0 && s.Start == out[n-1].End {
			out[n-1].End = s.End
			continue
		}
		out = append(out, s)
	}
	return out, nil
}

// clock formats minutes after midnight as 09:30 for error messages, also
// when they are out of range (25:00, -00:10).
func clock(minutes int) string {
	sign := ""
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	return fmt.Sprintf("%s%02d:%02d", sign, minutes/60, minutes%60)
}

// Location returns the calendar's time zone; UTC for nil Hours.
func (h *Hours) Location() *time.Location {
	if h == nil {
		return time.UTC
	}
	return h.loc
}

// ClosedOn reports whether the business is closed all day on t's local day
// for a holiday or an extra closed day, with the reason: the holiday's name,
// or "closed" for an extra closed day.
func (h *Hours) ClosedOn(t time.Time) (string, bool) {
	if h == nil {
		return "", false
	}
	return h.closedOn(dayOf(t.In(h.loc)))
}

func (h *Hours) closedOn(d civilDay) (string, bool) {
	if h.closed[d] {
		return "closed", true
	}
	return holidayOn(d.year, d.month, d.day, h.state)
}

// openSpans returns the open spans of a local day: none on holidays and
// closed days.
func (h *Hours) openSpans(d civilDay) []resonanz.Span {
	if _, closed := h.closedOn(d); closed {
		return nil
	}
	return h.week[d.weekday()]
}

// interval returns the instants a span opens and closes on day d. A span
// starting in the hour skipped by a daylight-saving change can come out
// empty; callers skip it.
func (h *Hours) interval(d civilDay, s resonanz.Span) (from, to time.Time) {
	return d.at(s.Start, h.loc), d.at(s.End, h.loc)
}
