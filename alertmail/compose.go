// Package alertmail tells people about storm alerts by email, through the
// company's SMTP server: a short German and English plain-text mail when an
// alert is raised or its severity rises.
package alertmail

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// Compose returns the email about event ("alert.raised" or
// "alert.escalated") of a, with link to its crisis room; it tells times in zone.
func Compose(to []string, event string, a *resonanz.Alert, link string, zone *time.Location) *resonanz.AlertMail {
	what, whatEN := subjectOf(a.Key)
	minutes := int(a.Window.Minutes())
	headDE, headEN := "Sturmwarnung", "Storm warning"
	if event == "alert.escalated" {
		headDE, headEN = "Sturm wächst", "Storm grows"
	}
	subject := fmt.Sprintf("[resonanz] %s: %s — %d negative Nachrichten in %d min", headDE, what, a.Count, minutes)
	since := a.FirstSeen.In(zone)
	var b strings.Builder
	fmt.Fprintf(&b, "%s (Stufe %d von 6): %s\n\n", headDE, a.Severity, what)
	fmt.Fprintf(&b, "%d negative Nachrichten in %d min, üblich sind %s (%s-fach).\n", a.Count, minutes, decimal(a.Expected, ','), decimal(a.Ratio, ','))
	fmt.Fprintf(&b, "%d Personen auf %d Kanälen, seit %s.\n", a.Authors, a.Channels, since.Format("02.01.2006 15:04 MST"))
	if len(a.TopTerms) > 0 {
		fmt.Fprintf(&b, "Häufige Begriffe: %s\n", strings.Join(a.TopTerms, ", "))
	}
	if a.Urgent > 0 {
		fmt.Fprintf(&b, "Drohungen, an Presse oder Gericht zu gehen: %d\n", a.Urgent)
	}
	if link != "" {
		fmt.Fprintf(&b, "\nKrisenraum: %s\n", link)
	}
	fmt.Fprintf(&b, "\n--\n%s (severity %d of 6): %s\n\n", headEN, a.Severity, whatEN)
	fmt.Fprintf(&b, "%d negative messages in %d min where %s are usual (%s times).\n", a.Count, minutes, decimal(a.Expected, '.'), decimal(a.Ratio, '.'))
	fmt.Fprintf(&b, "%d people on %d channels, since %s.\n", a.Authors, a.Channels, since.Format("2006-01-02 15:04 MST"))
	if len(a.TopTerms) > 0 {
		fmt.Fprintf(&b, "Frequent terms: %s\n", strings.Join(a.TopTerms, ", "))
	}
	if a.Urgent > 0 {
		fmt.Fprintf(&b, "Threats to go to the press or to court: %d\n", a.Urgent)
	}
	if link != "" {
		fmt.Fprintf(&b, "\nCrisis room: %s\n", link)
	}
	return &resonanz.AlertMail{To: to, Subject: subject, Body: b.String(), AlertID: a.ID, Event: event}
}

// subjectOf names what the storm is about. A hashtag key comes from customer
// text: it is kept on one line.
func subjectOf(key string) (de, en string) {
	if key == resonanz.AlertAll {
		return "alle negativen Nachrichten", "all negative messages"
	}
	key = strings.Join(strings.Fields(key), " ")
	return key, key
}

func decimal(f float64, point byte) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	return strings.Replace(s, ".", string(point), 1)
}

// ComposeChannelFailing writes the email that a channel account is failing,
// in German and English.
func ComposeChannelFailing(to []string, account, reason string, failures int, link string) *resonanz.AlertMail {
	subject := fmt.Sprintf("[resonanz] Kanal gestört: %s", account)
	var b strings.Builder
	fmt.Fprintf(&b, "Das Kanal-Konto %q ist %d-mal in Folge gescheitert. Antworten warten, neue Nachrichten kommen vielleicht nicht an.\n", account, failures)
	fmt.Fprintf(&b, "Letzter Fehler: %s\n", reason)
	if link != "" {
		fmt.Fprintf(&b, "\nKanäle: %s\n", link)
	}
	fmt.Fprintf(&b, "\n--\nThe channel account %q failed %d times in a row. Replies wait, and new messages may not arrive.\n", account, failures)
	fmt.Fprintf(&b, "Last error: %s\n", reason)
	if link != "" {
		fmt.Fprintf(&b, "\nChannels: %s\n", link)
	}
	return &resonanz.AlertMail{To: to, Subject: subject, Body: b.String()}
}
