package alertmail

import (
	"fmt"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/report"
)

// ComposeWeekly returns the German and English mail of a weekly summary.
// Topic names come from the analysis or from leads: each stays on one line.
func ComposeWeekly(to []string, s report.Summary) *resonanz.AlertMail {
	from, _ := time.Parse(time.DateOnly, s.From)
	until, _ := time.Parse(time.DateOnly, s.To)
	subject := fmt.Sprintf("[resonanz] Wochenbericht %s – %s: %d neue Fälle", from.Format("02.01."), until.Format("02.01.2006"), s.New)
	var b strings.Builder
	fmt.Fprintf(&b, "Wochenbericht %s – %s\n\n", from.Format("02.01."), until.Format("02.01.2006"))
	fmt.Fprintf(&b, "Neue Fälle: %d, davon beantwortet: %d, gelöst: %d\n", s.New, s.Answered, s.Solved)
	fmt.Fprintf(&b, "Erste Antwort (Geschäftszeit): Median %s, 90. Perzentil %s\n", hoursDE(s.FirstResponseMedian), hoursDE(s.FirstResponseP90))
	fmt.Fprintf(&b, "Lösung (Geschäftszeit): Median %s, 90. Perzentil %s\n", hoursDE(s.ResolutionMedian), hoursDE(s.ResolutionP90))
	fmt.Fprintf(&b, "Antwortzeit-Ziele erreicht: %d von %d\n", s.GoalsMet, s.GoalsDecided)
	fmt.Fprintf(&b, "Offen jetzt: %d\n", s.OpenNow)
	fmt.Fprintf(&b, "Zusagen: %d eingehalten, %d gebrochen, %d überfällig\n", s.PromisesKept, s.PromisesBroken, s.PromisesOverdue)
	fmt.Fprintf(&b, "Kulanz: %d, zusammen %s\n", s.GoodwillGrants, resonanz.FormatEuros(s.GoodwillCents))
	fmt.Fprintf(&b, "Lob: %d, Beschwerden: %d\n", s.Praise, s.Complaints)
	topics(&b, "Häufigste Themen", s.TopTopics)
	fmt.Fprintf(&b, "\nÜbersicht: %s\n", s.URL)
	fmt.Fprintf(&b, "\n--\nWeekly summary %s – %s\n\n", s.From, s.To)
	fmt.Fprintf(&b, "New conversations: %d, answered: %d, solved: %d\n", s.New, s.Answered, s.Solved)
	fmt.Fprintf(&b, "First answer (business hours): median %s, 90th percentile %s\n", hoursEN(s.FirstResponseMedian), hoursEN(s.FirstResponseP90))
	fmt.Fprintf(&b, "Resolution (business hours): median %s, 90th percentile %s\n", hoursEN(s.ResolutionMedian), hoursEN(s.ResolutionP90))
	fmt.Fprintf(&b, "Answer-time goals met: %d of %d\n", s.GoalsMet, s.GoalsDecided)
	fmt.Fprintf(&b, "Open now: %d\n", s.OpenNow)
	fmt.Fprintf(&b, "Promises: %d kept, %d broken, %d overdue\n", s.PromisesKept, s.PromisesBroken, s.PromisesOverdue)
	fmt.Fprintf(&b, "Goodwill: %d grants, %s in all\n", s.GoodwillGrants, resonanz.FormatEuros(s.GoodwillCents))
	fmt.Fprintf(&b, "Praise: %d, complaints: %d\n", s.Praise, s.Complaints)
	topics(&b, "Top topics", s.TopTopics)
	fmt.Fprintf(&b, "\nOverview: %s\n", s.URL)
	return &resonanz.AlertMail{To: to, Subject: subject, Body: b.String(), Event: report.EventWeekly}
}

func topics(b *strings.Builder, head string, list []report.TopicCount) {
	if len(list) == 0 {
		return
	}
	var parts []string
	for _, t := range list {
		parts = append(parts, fmt.Sprintf("%s (%d)", strings.Join(strings.Fields(t.Name), " "), t.Count))
	}
	fmt.Fprintf(b, "%s: %s\n", head, strings.Join(parts, ", "))
}

// hoursDE and hoursEN write seconds as hours and minutes.
func hoursDE(s int64) string { return fmt.Sprintf("%d Std. %02d Min.", s/3600, s%3600/60) }
func hoursEN(s int64) string { return fmt.Sprintf("%d h %02d min", s/3600, s%3600/60) }
