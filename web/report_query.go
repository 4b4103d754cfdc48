package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/report"
)

// defaultReportDays is the period a report shows unless asked otherwise.
const defaultReportDays = 7

// reportFilter reads a report's period (from and to, local dates, both
// included) and filters from the query; anything unreadable falls back to
// the last seven days and no filter.
func (s *Server) reportFilter(r *http.Request) report.Filter {
	q := r.URL.Query()
	f := report.Filter{Period: report.LastDays(defaultReportDays, s.Now(), s.Location)}
	from, errFrom := time.ParseInLocation(time.DateOnly, q.Get("from"), s.Location)
	to, errTo := time.ParseInLocation(time.DateOnly, q.Get("to"), s.Location)
	if errFrom == nil && errTo == nil {
		f.Period = report.NewPeriod(from, to, s.Location)
	}
	if _, ok := resonanz.LookupChannel(q.Get("channel")); ok {
		f.Channel = q.Get("channel")
	}
	f.TeamID, _ = strconv.ParseInt(q.Get("team"), 10, 64)
	labels := s.labelChoices()
	f.Topic, f.Language = oneOf(q.Get("topic"), labels.Topics), oneOf(q.Get("language"), labels.Languages)
	return f
}

// reportQuery writes f back as a query, for links between the reports.
func reportQuery(f report.Filter) url.Values {
	v := url.Values{"from": {dateOf(f.Period.From)}, "to": {dateOf(f.Period.Last())}}
	setFilters(v, f)
	return v
}

func setFilters(v url.Values, f report.Filter) {
	if f.Channel != "" {
		v.Set("channel", f.Channel)
	}
	if f.TeamID != 0 {
		v.Set("team", strconv.FormatInt(f.TeamID, 10))
	}
	if f.Topic != "" {
		v.Set("topic", f.Topic)
	}
	if f.Language != "" {
		v.Set("language", f.Language)
	}
	if f.OwnerID != 0 {
		v.Set("owner", strconv.FormatInt(f.OwnerID, 10))
	}
}

// dateOf writes a local midnight as its date.
func dateOf(t time.Time) string { return t.Format(time.DateOnly) }

// inboxLink opens the inbox on exactly the conversations a figure counts:
// those of the report's filter, opened in [from, to) (local midnights;
// zero: open-ended), with the extra filters. Without a status the inbox
// shows every status; status "" keeps the inbox's default, the open work.
func inboxLink(f report.Filter, from, to time.Time, status string, extra ...string) string {
	v := url.Values{}
	setFilters(v, f)
	if status != "" {
		v.Set("status", status)
	}
	if !from.IsZero() {
		v.Set("from", dateOf(from))
	}
	if !to.IsZero() {
		v.Set("to", dateOf(to.AddDate(0, 0, -1)))
	}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return "/?" + v.Encode()
}

// createdRange reads the inbox's period: from and to are local dates, both
// included; either may be missing.
func createdRange(q url.Values, loc *time.Location) (from, before time.Time) {
	if t, err := time.ParseInLocation(time.DateOnly, q.Get("from"), loc); err == nil {
		from = t
	}
	if t, err := time.ParseInLocation(time.DateOnly, q.Get("to"), loc); err == nil {
		before = t.AddDate(0, 0, 1)
	}
	return from, before
}

// reportInboxFilter is the inbox filter of a report's choices, to fill the
// same drop-downs the inbox has.
func reportInboxFilter(f report.Filter) resonanz.ConversationFilter {
	return resonanz.ConversationFilter{Channel: f.Channel, TeamID: f.TeamID, Topic: f.Topic, Language: f.Language}
}
