package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/survey"
)

// testLinks stand in for the signed links.
type testLinks struct{}

func (testLinks) WishesLink(id int64, lang string) string {
	return fmt.Sprintf("https://care.example/wishes/%d-%s", id, lang)
}

func (testLinks) SurveyLink(id int64, lang string) string {
	return fmt.Sprintf("https://care.example/survey/%d-%s", id, lang)
}

// surveyDesk makes a lead and an agent of the team Versand, and a Mastodon
// account that can send the surveys.
func surveyDesk(t *testing.T, db *store.DB) (lead, agent *resonanz.User, team *resonanz.Team, account *resonanz.ChannelAccount) {
	t.Helper()
	ctx := context.Background()
	lead = mustUser(t, db, "lea", resonanz.RoleLead)
	agent = mustUser(t, db, "tom", resonanz.RoleAgent)
	team, err := db.CreateTeam(ctx, "Versand")
	if err != nil {
		t.Fatal(err)
	}
	team.Members = []int64{lead.ID, agent.ID}
	if err := db.SaveTeam(ctx, team); err != nil {
		t.Fatal(err)
	}
	account = &resonanz.ChannelAccount{Kind: "mastodon", Name: "Brand", Settings: map[string]string{"server": "https://srv.example"}, SealedSecrets: []byte{1}}
	if err := db.CreateChannelAccount(ctx, account); err != nil {
		t.Fatal(err)
	}
	db.Links = testLinks{}
	return lead, agent, team, account
}

func TestSurveys(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lead, agent, team, account := surveyDesk(t, db)
		admin := mustUser(t, db, "dana", resonanz.RoleAdmin)
		now := t0.Add(48 * time.Hour)
		db.Now = func() time.Time { return now }
		// conversation opens a private conversation of a new customer on Mastodon.
		n := 0
		conversation := func(handle string) int64 {
			t.Helper()
			n++
			m := msg("mastodon", fmt.Sprintf("srv/%d", n), handle, "Wo bleibt mein Paket?", n)
			m.AccountID, m.Visibility = account.ID, resonanz.Private
			id := mustIngest(t, db, m)[0].ConversationID
			owner := agent.ID
			if err := db.UpdateConversation(ctx, id, lead, resonanz.ConversationUpdate{OwnerID: &owner}); err != nil {
				t.Fatal(err)
			}
			return id
		}
		solve := func(id int64) time.Time {
			t.Helper()
			solved := resonanz.StatusSolved
			if err := db.UpdateConversation(ctx, id, agent, resonanz.ConversationUpdate{Status: &solved}); err != nil {
				t.Fatal(err)
			}
			return now
		}
		send := func(id int64, solvedAt time.Time) *resonanz.Survey {
			t.Helper()
			s, err := db.SendDueSurvey(ctx, id, solvedAt, survey.Decide)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}

		t.Run("NoQuestionChosenNoSurvey", func(t *testing.T) {
			id := conversation("@ada@srv.example")
			if s := send(id, solve(id)); s != nil {
				t.Fatalf("a survey nobody chose: %+v", s)
			}
			if got := trail(t, db, id, "survey"); len(got) != 0 {
				t.Fatalf("trail %v", got)
			}
		})
		t.Run("OnlyLeadsChoose", func(t *testing.T) {
			err := db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Question: resonanz.QuestionCSAT}, agent)
			if resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("an agent chose a question: %v", err)
			}
			for _, c := range []*resonanz.SurveyChoice{
				{Question: resonanz.QuestionCSAT},
				{TeamID: team.ID, Channel: "email", Question: resonanz.QuestionNPS},
				{Channel: "review", Question: resonanz.QuestionNPS},
			} {
				if err := db.SaveSurveyChoice(ctx, c, lead); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Channel: "fax", Question: "csat"}, lead); resonanz.ErrorField(err) != "channel" {
				t.Fatalf("unknown channel: %v", err)
			}
			s, err := db.SurveySettings(ctx)
			if err != nil || len(s.Choices) != 3 || s.Every != resonanz.DefaultSurveyEvery || s.Delay != resonanz.DefaultSurveyDelay || !s.AskUnknown {
				t.Fatalf("settings %+v, %v", s, err)
			}
			if got := s.QuestionFor(team.ID, "email") + s.QuestionFor(team.ID, "mastodon") + s.QuestionFor(0, "review"); got != "npscsatnps" {
				t.Fatalf("questions %q", got)
			}
		})
		var first *resonanz.Survey
		var firstConversation int64
		t.Run("SentAfterSolving", func(t *testing.T) {
			id := conversation("@ben@srv.example")
			first = send(id, solve(id))
			firstConversation = id
			if first == nil || first.Question != resonanz.QuestionCSAT || first.AgentID != agent.ID || first.Language != resonanz.LangGerman {
				t.Fatalf("survey %+v", first)
			}
			items, err := store.Outbox(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			last := items[len(items)-1]
			if last.ConversationID != id || last.Visibility != resonanz.Private ||
				!strings.HasSuffix(last.Text, fmt.Sprintf("https://care.example/survey/%d-de", first.ID)) {
				t.Fatalf("outbox %+v", last)
			}
			item, err := db.FindOutboxItem(ctx, last.ID)
			if err != nil || item.Kind != resonanz.OutboundSurvey || item.Purpose != resonanz.PurposeSurvey || item.Consent != resonanz.DecisionDefault {
				t.Fatalf("outbox item %+v, %v", item, err)
			}
			got := strings.Join(trail(t, db, id, "s"), "|")
			if !strings.Contains(got, "resonanz send.allowed channel=mastodon kind=survey outbox=") || !strings.Contains(got, "resonanz survey.sent outbox=") {
				t.Fatalf("trail %s", got)
			}
			if again := send(id, first.SentAt.Add(-time.Millisecond)); again != nil {
				t.Fatal("a stale solve time sent a survey")
			}
			if again, err := db.SendDueSurvey(ctx, id, now, survey.Decide); err != nil || again != nil {
				t.Fatalf("the same solve sent a second survey: %+v, %v", again, err)
			}
		})
		t.Run("ReopenedBeforeTheDelayGetsNone", func(t *testing.T) {
			id := conversation("@cem@srv.example")
			solvedAt := solve(id)
			open := resonanz.StatusOpen
			now = now.Add(time.Minute)
			if err := db.UpdateConversation(ctx, id, agent, resonanz.ConversationUpdate{Status: &open}); err != nil {
				t.Fatal(err)
			}
			if s := send(id, solvedAt); s != nil {
				t.Fatalf("a reopened case got a survey: %+v", s)
			}
			now = now.Add(time.Minute)
			again := solve(id)
			if s := send(id, solvedAt); s != nil {
				t.Fatal("the first solve's survey left after a second solve")
			}
			if s := send(id, again); s == nil {
				t.Fatal("the second solve sent no survey")
			}
		})
		t.Run("AtMostOncePerPersonInNDays", func(t *testing.T) {
			now = now.Add(5 * 24 * time.Hour)
			next := mustIngest(t, db, resonanz.IncomingMessage{Channel: "mastodon", ExternalID: "srv/ben2", AccountID: account.ID,
				Author: resonanz.Author{Handle: "@ben@srv.example"}, Text: "Noch was", Time: now, Visibility: resonanz.Private})
			id := next[0].ConversationID
			if id == firstConversation {
				t.Fatal("the new message reopened the solved conversation")
			}
			if s := send(id, solve(id)); s != nil {
				t.Fatalf("a second survey within 30 days: %+v", s)
			}
			if got := strings.Join(trail(t, db, id, "survey"), "|"); !strings.Contains(got, "resonanz survey.skipped last=") || !strings.Contains(got, "reason=recent") {
				t.Fatalf("trail %s", got)
			}
			now = now.Add(30 * 24 * time.Hour)
			open := resonanz.StatusOpen
			if err := db.UpdateConversation(ctx, id, agent, resonanz.ConversationUpdate{Status: &open}); err != nil {
				t.Fatal(err)
			}
			if s := send(id, solve(id)); s == nil {
				t.Fatal("no survey after 35 days")
			}
		})
		t.Run("SensitiveGetsNone", func(t *testing.T) {
			id := conversation("@dora@srv.example")
			if err := db.SetSensitive(ctx, id, agent, true); err != nil {
				t.Fatal(err)
			}
			if s := send(id, solve(id)); s != nil {
				t.Fatalf("a sensitive case got a survey: %+v", s)
			}
			got := strings.Join(trail(t, db, id, "s"), "|")
			if !strings.Contains(got, "User tom sensitive.on") || !strings.Contains(got, "resonanz survey.skipped reason=sensitive") {
				t.Fatalf("trail %s", got)
			}
		})
		t.Run("NeverPubliclyNorWithoutAnAccount", func(t *testing.T) {
			review := mustIngest(t, db, msg("review", "r1", "ida", "Ein Stern.", 30))[0].ConversationID
			mail := mustIngest(t, db, msg("email", "e1", "jan@example.org", "Hallo", 31))[0].ConversationID
			for id, reason := range map[int64]string{review: "reason=channel", mail: "reason=no_account"} {
				if s := send(id, solve(id)); s != nil {
					t.Fatalf("a survey went out: %+v", s)
				}
				if got := strings.Join(trail(t, db, id, "survey"), "|"); got != "resonanz survey.skipped "+reason {
					t.Fatalf("trail %s", got)
				}
			}
		})
		t.Run("NotWhereSurveysAreDenied", func(t *testing.T) {
			id := conversation("@emil@srv.example")
			if err := db.RecordWish(ctx, id, agent, resonanz.Wish{Purpose: resonanz.PurposeSurvey, State: resonanz.WishDenied, Reason: "am Telefon"}); err != nil {
				t.Fatal(err)
			}
			if s := send(id, solve(id)); s != nil {
				t.Fatalf("a survey against a wish: %+v", s)
			}
			if got := strings.Join(trail(t, db, id, "send."), "|"); !strings.Contains(got, "resonanz send.blocked channel=mastodon kind=survey purpose=survey rule=denied since=") {
				t.Fatalf("trail %s", got)
			}
		})
		t.Run("OnlyWithAYesWhenTheLeadsSaySo", func(t *testing.T) {
			s, err := db.SurveySettings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			s.AskUnknown, s.Every = false, 7
			if err := db.SaveSurveySettings(ctx, s, admin); err != nil {
				t.Fatal(err)
			}
			s.Invite[resonanz.LangGerman] = "Ohne Link"
			if err := db.SaveSurveySettings(ctx, s, lead); resonanz.ErrorField(err) != "invite_de" {
				t.Fatalf("an invitation without {link}: %v", err)
			}
			id := conversation("@fay@srv.example")
			if s := send(id, solve(id)); s != nil {
				t.Fatalf("a survey without a yes: %+v", s)
			}
			yes := conversation("@gil@srv.example")
			if err := db.RecordWish(ctx, yes, agent, resonanz.Wish{Purpose: resonanz.PurposeSurvey, Channel: "mastodon", State: resonanz.WishAllowed,
				Reason: "am Telefon", Wording: "Ja, fragen Sie mich."}); err != nil {
				t.Fatal(err)
			}
			if s := send(yes, solve(yes)); s == nil {
				t.Fatal("no survey after a yes")
			}
		})
		t.Run("AnswerAttachesAndALowScoreCallsTheLead", func(t *testing.T) {
			if _, err := db.AnswerSurvey(ctx, first.ID, 6, ""); resonanz.ErrorField(err) != "score" {
				t.Fatalf("CSAT 6: %v", err)
			}
			if _, err := db.AnswerSurvey(ctx, first.ID, 2, strings.Repeat("x", resonanz.MaxSurveyComment+1)); resonanz.ErrorField(err) != "comment" {
				t.Fatalf("a long comment: %v", err)
			}
			s, err := db.AnswerSurvey(ctx, first.ID, 2, "  Hat zu lange gedauert.  ")
			if err != nil || !s.Answered || s.Score != 2 || s.Comment != "Hat zu lange gedauert." || !s.Low() {
				t.Fatalf("answer %+v, %v", s, err)
			}
			if _, err := db.AnswerSurvey(ctx, first.ID, 5, ""); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("a second answer: %v", err)
			}
			list, err := db.ConversationSurveys(ctx, firstConversation)
			if err != nil || len(list) != 1 || list[0].Score != 2 || list[0].AgentName != "User tom" || list[0].AnsweredAt.IsZero() {
				t.Fatalf("surveys of the conversation %+v, %v", list, err)
			}
			if got := strings.Join(trail(t, db, firstConversation, "survey.answered"), "|"); got != "resonanz survey.answered comment=Hat zu lange gedauert. question=csat score=2" {
				t.Fatalf("trail %s", got)
			}
			notes, err := db.FindNotifications(ctx, lead.ID, 10)
			if err != nil || len(notes) == 0 || notes[0].Kind != resonanz.NotifySurveyLow || notes[0].ConversationID != firstConversation ||
				notes[0].Params["score"] != "2" || notes[0].Params["agent"] != "User tom" || notes[0].Params["customer"] != "Name of @ben@srv.example" {
				t.Fatalf("notifications of the lead %+v, %v", notes, err)
			}
			if mine, _ := db.FindNotifications(ctx, agent.ID, 10); len(mine) != 0 && mine[0].Kind == resonanz.NotifySurveyLow {
				t.Fatal("the agent got the lead's follow-up")
			}
		})
		t.Run("Results", func(t *testing.T) {
			rs, err := db.SurveyResults(ctx, t0)
			if err != nil || len(rs) != 2 {
				t.Fatalf("results %+v, %v", rs, err)
			}
			r := rs[0]
			if r.AgentName != "User tom" || r.Question != resonanz.QuestionCSAT || r.Sent != 3 || r.Answered != 1 || r.Average != 2 || r.Low != 1 {
				t.Fatalf("result %+v", r)
			}
			// Ben's second conversation had no owner.
			if r := rs[1]; r.AgentID != 0 || r.Sent != 1 || r.Answered != 0 {
				t.Fatalf("result of nobody's conversations %+v", r)
			}
		})
		t.Run("TheJobSendsAfterTheDelay", func(t *testing.T) {
			db.Now = time.Now
			s, err := db.SurveySettings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			s.Delay, s.AskUnknown = 0, true
			if err := db.SaveSurveySettings(ctx, s, lead); err != nil {
				t.Fatal(err)
			}
			startJobs(t, db, workers{})
			id := conversation("@hal@srv.example")
			solve(id)
			deadline := time.Now().Add(20 * time.Second)
			for {
				list, err := db.ConversationSurveys(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if len(list) == 1 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the job sent no survey")
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	})
}
