package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// Duration writes d as people write it: "2 Tage 4 Std.", "1 Std. 30 Min.",
// "7 Min." in German, "2 days 4 h", "1 h 30 min", "7 min" in English. Days
// leave out the minutes; parts that are zero are left out.
func (l *locale) Duration(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < 0 {
		d = -d
	}
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	var parts []string
	switch {
	case days == 1:
		parts = append(parts, fmt.Sprintf(l.T("duration.day"), days))
	case days > 1:
		parts = append(parts, fmt.Sprintf(l.T("duration.days"), days))
	}
	if hours > 0 {
		parts = append(parts, fmt.Sprintf(l.T("duration.hours"), hours))
	}
	if days == 0 && (mins > 0 || hours == 0) {
		parts = append(parts, fmt.Sprintf(l.T("duration.minutes"), mins))
	}
	return strings.Join(parts, " ")
}

// Decimal writes x with one decimal as the reader writes numbers: "3,8" or "3.8".
func (l *locale) Decimal(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', 1, 64), ".", l.T("number.decimal"), 1)
}

// Fill words a stored event (an audit entry, a notification, a step of an
// alert) in the reader's language. text is the catalogue's text with blanks
// {name} or {name:format}, filled from params:
//
//   - {name} the value as it is,
//   - {name:time} a time (RFC 3339) in the reader's time zone,
//   - {name:day} the day of a time, "03.12.",
//   - {name:euros} an amount in cents,
//   - {name:duration} a duration such as "4h0m0s", as people write it,
//   - {name:decimal} a number such as "3.8", as the reader writes it,
//   - {name:prefix} each comma-separated value as the label prefix.value,
//     whose text may in turn have blanks filled from the same params.
//
// A missing or empty value shows as "—". The result is HTML: the text and
// the values escaped, a time as a <time> element.
func (l *locale) Fill(text string, params map[string]string) template.HTML {
	return template.HTML(l.fill(text, params, true))
}

func (l *locale) fill(text string, params map[string]string, nested bool) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		end := strings.IndexByte(text[max(open, 0):], '}')
		if open < 0 || end < 0 {
			b.WriteString(template.HTMLEscapeString(text))
			return b.String()
		}
		b.WriteString(template.HTMLEscapeString(text[:open]))
		name, format, _ := strings.Cut(text[open+1:open+end], ":")
		b.WriteString(l.value(params[name], format, params, nested))
		text = text[open+end+1:]
	}
}

// value writes one filled-in value as HTML.
func (l *locale) value(v, format string, params map[string]string, nested bool) string {
	if v == "" {
		return "—"
	}
	if format == "time" || format == "day" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return template.HTMLEscapeString(v)
		}
		if format == "day" {
			return string(l.Day(t))
		}
		return string(l.At(t))
	}
	if nested && format != "" && format != "euros" && format != "duration" && format != "decimal" {
		var parts []string
		for _, item := range strings.Split(v, ",") {
			parts = append(parts, l.fill(l.Label(format, item), params, false))
		}
		return strings.Join(parts, ", ")
	}
	return template.HTMLEscapeString(l.text(v, format))
}

// text writes one value as text: an amount, a duration or labels.
func (l *locale) text(v, format string) string {
	switch format {
	case "":
		return v
	case "euros":
		cents, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return v
		}
		return resonanz.FormatEuros(cents)
	case "duration":
		d, err := time.ParseDuration(v)
		if err != nil {
			return v
		}
		return l.Duration(d)
	case "decimal":
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return v
		}
		return l.Decimal(x)
	}
	var parts []string
	for _, item := range strings.Split(v, ",") {
		parts = append(parts, l.Label(format, item))
	}
	return strings.Join(parts, ", ")
}
