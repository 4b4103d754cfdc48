package alertmail

import (
	"strings"
	"testing"

	"github.com/resonanz/resonanz/report"
)

// TestComposeWeekly: both languages carry the week's figures, and a topic
// name cannot start a line of its own.
func TestComposeWeekly(t *testing.T) {
	m := ComposeWeekly([]string{"lead@example.org"}, report.Summary{From: "2030-02-25", To: "2030-03-03", New: 12, Answered: 10, Solved: 7,
		FirstResponseMedian: 5400, GoalsMet: 8, GoalsDecided: 9, GoodwillCents: 2500, URL: "https://desk.example/reports?from=2030-02-25&to=2030-03-03",
		TopTopics: []report.TopicCount{{Name: "lieferung\nBcc: x@evil.example", Count: 4}}})
	for _, want := range []string{"Wochenbericht 25.02. – 03.03.2030", "Neue Fälle: 12", "Median 1 Std. 30 Min.", "Antwortzeit-Ziele erreicht: 8 von 9",
		"New conversations: 12", "median 1 h 30 min", "Answer-time goals met: 8 of 9", "lieferung Bcc: x@evil.example (4)", "Overview: https://desk.example/reports?"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("the mail lacks %q:\n%s", want, m.Body)
		}
	}
	if !strings.Contains(m.Subject, "12 neue Fälle") || strings.Contains(m.Body, "\nBcc:") {
		t.Errorf("subject %q; or a topic broke a line", m.Subject)
	}
}
