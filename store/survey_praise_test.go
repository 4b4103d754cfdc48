package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/survey"
)

// A survey comment with a high score reaches the agent and the team's
// praise wall; a middling score or a score without words does not.
func TestSurveyCommentsPraise(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lead, agent, team, account := surveyDesk(t, db)
		if err := db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Question: resonanz.QuestionCSAT}, lead); err != nil {
			t.Fatal(err)
		}
		now := t0.Add(48 * time.Hour)
		db.Now = func() time.Time { return now }
		answer := func(n, score int, comment string) {
			t.Helper()
			m := msg("mastodon", fmt.Sprintf("srv/%d", n), fmt.Sprintf("@kundin%d@srv.example", n), "Wo bleibt mein Paket?", n)
			m.AccountID, m.Visibility = account.ID, resonanz.Private
			id := mustIngest(t, db, m)[0].ConversationID
			solved := resonanz.StatusSolved
			if err := db.UpdateConversation(ctx, id, lead, resonanz.ConversationUpdate{OwnerID: &agent.ID, TeamID: &team.ID, Status: &solved}); err != nil {
				t.Fatal(err)
			}
			s, err := db.SendDueSurvey(ctx, id, now, survey.Decide)
			if err != nil || s == nil {
				t.Fatalf("no survey: %v", err)
			}
			if _, err := db.AnswerSurvey(ctx, s.ID, score, comment); err != nil {
				t.Fatal(err)
			}
		}
		answer(1, 5, "Tom hat mir sofort geholfen, danke!")
		answer(2, 3, "Ging so.")
		answer(3, 5, "")

		wall, err := db.PraiseWall(ctx, team.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(wall) != 1 || wall[0].Text != "Tom hat mir sofort geholfen, danke!" || wall[0].SurveyID == 0 || wall[0].SurveyScore != 5 ||
			wall[0].UserID != agent.ID || wall[0].Customer != "Name of @kundin1@srv.example" {
			t.Fatalf("the wall holds %+v", wall)
		}
		notes, err := db.FindNotifications(ctx, agent.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		praised := 0
		for _, n := range notes {
			if n.Kind == resonanz.NotifySurveyPraise {
				praised++
				if n.Params["comment"] != "Tom hat mir sofort geholfen, danke!" || n.Params["score"] != "5" {
					t.Errorf("the agent is told %+v", n.Params)
				}
			}
		}
		if praised != 1 {
			t.Fatalf("the agent got %d praise notices, want 1", praised)
		}
	})
}

// The dashboards' survey figures count the answers given in the period
// about the conversations the filter picks, whenever those began.
func TestSurveyTally(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lead, agent, team, account := surveyDesk(t, db)
		if err := db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Question: resonanz.QuestionCSAT}, lead); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Channel: "email", Question: resonanz.QuestionNPS}, lead); err != nil {
			t.Fatal(err)
		}
		email := &resonanz.ChannelAccount{Kind: "email", Name: "Service", Settings: map[string]string{"address": "service@example.org"}, SealedSecrets: []byte{1}}
		if err := db.CreateChannelAccount(ctx, email); err != nil {
			t.Fatal(err)
		}
		now := t0.Add(48 * time.Hour)
		db.Now = func() time.Time { return now }
		n := 0
		answer := func(channel string, acct int64, inTeam bool, score int) {
			t.Helper()
			n++
			handle := fmt.Sprintf("@kundin%d@srv.example", n)
			if channel == "email" {
				handle = fmt.Sprintf("kundin%d@example.org", n)
			}
			m := msg(channel, fmt.Sprintf("x/%d", n), handle, "Wo bleibt mein Paket?", n)
			m.AccountID, m.Visibility = acct, resonanz.Private
			id := mustIngest(t, db, m)[0].ConversationID
			solved := resonanz.StatusSolved
			update := resonanz.ConversationUpdate{OwnerID: &agent.ID, Status: &solved}
			if inTeam {
				update.TeamID = &team.ID
			}
			if err := db.UpdateConversation(ctx, id, lead, update); err != nil {
				t.Fatal(err)
			}
			s, err := db.SendDueSurvey(ctx, id, now, survey.Decide)
			if err != nil || s == nil {
				t.Fatalf("no survey on %s: %v", channel, err)
			}
			if _, err := db.AnswerSurvey(ctx, s.ID, score, ""); err != nil {
				t.Fatal(err)
			}
		}
		for _, score := range []int{5, 4, 2} {
			answer("mastodon", account.ID, true, score)
		}
		answer("mastodon", account.ID, false, 1)
		for _, score := range []int{10, 9, 8, 3} {
			answer("email", email.ID, false, score)
		}
		period := resonanz.ReportFilter{From: now.Add(-time.Hour), To: now.Add(time.Hour)}
		all, err := db.SurveyTally(ctx, period)
		if err != nil {
			t.Fatal(err)
		}
		if want := (resonanz.SurveyTally{CSAT: 4, CSATSum: 12, Satisfied: 2, NPS: 4, Promoters: 2, Detractors: 1}); all != want {
			t.Errorf("every answer: %+v, want %+v", all, want)
		}
		inTeam := period
		inTeam.TeamID = team.ID
		if got, _ := db.SurveyTally(ctx, inTeam); got != (resonanz.SurveyTally{CSAT: 3, CSATSum: 11, Satisfied: 2}) {
			t.Errorf("the team's answers: %+v", got)
		}
		later := resonanz.ReportFilter{From: now.Add(time.Hour), To: now.Add(2 * time.Hour)}
		if got, _ := db.SurveyTally(ctx, later); got != (resonanz.SurveyTally{}) {
			t.Errorf("a period without answers: %+v", got)
		}
	})
}
