package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
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
			s, err := db.SendDueSurvey(ctx, id, now)
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
