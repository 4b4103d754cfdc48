package demo

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
)

// setUpRouting gives the demo teams with members, routing rules, a
// business-hours calendar and answer-time goals, so that its conversations
// arrive routed and with running clocks.
func setUpRouting(ctx context.Context, db Store, users []*resonanz.User) error {
	var rules []*resonanz.Rule
	for _, t := range teams {
		team, err := db.CreateTeam(ctx, t.name)
		if err != nil {
			return err
		}
		team.Topics, team.Languages, team.RoundRobin = t.topics, []string{resonanz.LangGerman, resonanz.LangEnglish}, true
		for _, m := range t.members {
			team.Members = append(team.Members, users[m].ID)
		}
		if err := db.SaveTeam(ctx, team); err != nil {
			return err
		}
		rules = append(rules, &resonanz.Rule{Name: t.name, Enabled: true,
			Conditions: resonanz.RuleConditions{Topics: t.topics}, Actions: resonanz.RuleActions{TeamID: team.ID}})
	}
	rules = append([]*resonanz.Rule{
		{Name: "Presse, Anwalt, Sicherheit", Enabled: true, Continue: true,
			Conditions: resonanz.RuleConditions{Urgency: []string{resonanz.UrgentPublic, resonanz.UrgentLegal, resonanz.UrgentSafety}},
			Actions:    resonanz.RuleActions{Priority: resonanz.PriorityUrgent, Tags: []string{"eskalation"}}},
		{Name: "Kündigung droht", Enabled: true, Continue: true,
			Conditions: resonanz.RuleConditions{Keywords: []string{"kündigen", "Kündigung", "cancel"}},
			Actions:    resonanz.RuleActions{Priority: resonanz.PriorityHigh, Tags: []string{"kündigung"}}},
	}, rules...)
	for _, r := range rules {
		if err := db.SaveRule(ctx, r); err != nil {
			return err
		}
	}
	cal := &resonanz.Calendar{Name: "Kundenservice Berlin", TimeZone: "Europe/Berlin", State: "BE"}
	for day := time.Monday; day <= time.Friday; day++ {
		cal.Week[day] = []resonanz.Span{{Start: 8 * 60, End: 20 * 60}}
	}
	cal.Week[time.Saturday] = []resonanz.Span{{Start: 9 * 60, End: 14 * 60}}
	if err := db.SaveCalendar(ctx, cal); err != nil {
		return err
	}
	for _, p := range []*resonanz.SLAPolicy{
		{Name: "Standard", FirstResponse: 8 * time.Hour, NextResponse: 8 * time.Hour, Resolution: 48 * time.Hour, WarnBefore: time.Hour},
		{Name: "Social Media", Channel: "mastodon", FirstResponse: 2 * time.Hour, NextResponse: 2 * time.Hour, Resolution: 24 * time.Hour,
			WarnBefore: 30 * time.Minute},
		{Name: "Dringend", Priority: resonanz.PriorityUrgent, FirstResponse: time.Hour, NextResponse: time.Hour, Resolution: 8 * time.Hour,
			WarnBefore: 15 * time.Minute, Reassign: true},
	} {
		p.CalendarID = cal.ID
		if err := db.SaveSLAPolicy(ctx, p); err != nil {
			return err
		}
	}
	return nil
}
