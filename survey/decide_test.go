package survey_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/survey"
)

var solved = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// due are the facts of a solved email conversation whose survey is due
// and may leave: every team and channel is asked the CSAT question.
func due() resonanz.SurveyFacts {
	return resonanz.SurveyFacts{
		Conversation: &resonanz.Conversation{ID: 1, Channel: "email", Status: resonanz.StatusSolved, Language: resonanz.LangEnglish,
			CustomerHandle: "kim@example.org"},
		JobSolvedAt: solved, SolvedAt: solved,
		Settings: &resonanz.SurveySettings{Every: 30, Invite: resonanz.DefaultInvite,
			Choices: []*resonanz.SurveyChoice{{Question: resonanz.QuestionCSAT}}},
		HasAccount: true,
		Consent:    resonanz.ConsentDecision{Allowed: true, Purpose: resonanz.PurposeSurvey},
		Now:        solved.Add(2 * time.Hour),
	}
}

func TestDecide(t *testing.T) {
	for _, tc := range []struct {
		name  string
		facts func(f *resonanz.SurveyFacts)
		want  resonanz.SurveyOutcome
	}{
		{"AsksTheChosenQuestionInTheCustomersLanguage", func(f *resonanz.SurveyFacts) {},
			resonanz.SurveyOutcome{Question: resonanz.QuestionCSAT, Language: resonanz.LangEnglish}},
		{"ClosedCountsAsSolved", func(f *resonanz.SurveyFacts) { f.Conversation.Status = resonanz.StatusClosed },
			resonanz.SurveyOutcome{Question: resonanz.QuestionCSAT, Language: resonanz.LangEnglish}},
		{"GermanForEveryOtherLanguage", func(f *resonanz.SurveyFacts) { f.Conversation.Language = "fr" },
			resonanz.SurveyOutcome{Question: resonanz.QuestionCSAT, Language: resonanz.LangGerman}},
		{"StaleWhenReopened", func(f *resonanz.SurveyFacts) { f.Conversation.Status = resonanz.StatusOpen },
			resonanz.SurveyOutcome{Stale: true}},
		{"StaleWhenSolvedAgain", func(f *resonanz.SurveyFacts) { f.SolvedAt = solved.Add(time.Hour) },
			resonanz.SurveyOutcome{Stale: true}},
		{"StaleWhenNeverSolved", func(f *resonanz.SurveyFacts) { f.SolvedAt = time.Time{} },
			resonanz.SurveyOutcome{Stale: true}},
		{"StaleWhenDecidedAlready", func(f *resonanz.SurveyFacts) { f.SurveyedFor = solved },
			resonanz.SurveyOutcome{Stale: true}},
		{"DueAgainAfterAnEarlierSolve", func(f *resonanz.SurveyFacts) { f.SurveyedFor = solved.Add(-24 * time.Hour) },
			resonanz.SurveyOutcome{Question: resonanz.QuestionCSAT, Language: resonanz.LangEnglish}},
		{"NoneWhenNoQuestionIsChosen", func(f *resonanz.SurveyFacts) {
			f.Settings.Choices = append(f.Settings.Choices, &resonanz.SurveyChoice{Channel: "email"})
		}, resonanz.SurveyOutcome{}},
		{"SkipSensitive", func(f *resonanz.SurveyFacts) { f.Conversation.Sensitive = true },
			resonanz.SurveyOutcome{Skip: resonanz.SkipSensitive}},
		{"SkipPublicOnlyChannel", func(f *resonanz.SurveyFacts) { f.Conversation.Channel = "review" },
			resonanz.SurveyOutcome{Skip: resonanz.SkipChannel}},
		{"SkipWithoutAccount", func(f *resonanz.SurveyFacts) { f.HasAccount = false },
			resonanz.SurveyOutcome{Skip: resonanz.SkipAccount}},
		{"SkipRecent", func(f *resonanz.SurveyFacts) { f.LastSurvey = f.Now.AddDate(0, 0, -29) },
			resonanz.SurveyOutcome{Skip: resonanz.SkipRecent, SkipParams: resonanz.Params{"last": "2026-02-01T12:00:00Z"}}},
		{"AsksWhenTheLastSurveyIsOldEnough", func(f *resonanz.SurveyFacts) { f.LastSurvey = f.Now.AddDate(0, 0, -31) },
			resonanz.SurveyOutcome{Question: resonanz.QuestionCSAT, Language: resonanz.LangEnglish}},
		{"BlockedByTheWishes", func(f *resonanz.SurveyFacts) { f.Consent.Allowed = false },
			resonanz.SurveyOutcome{Blocked: true}},
		{"SensitiveBeforeTheWishes", func(f *resonanz.SurveyFacts) { f.Conversation.Sensitive, f.Consent.Allowed = true, false },
			resonanz.SurveyOutcome{Skip: resonanz.SkipSensitive}},
		{"InvitationWithTheLink", func(f *resonanz.SurveyFacts) { f.Link = "https://example.org/survey/t" },
			resonanz.SurveyOutcome{Question: resonanz.QuestionCSAT, Language: resonanz.LangEnglish,
				Text: "Your request has been dealt with. Were you satisfied? One question, one click: https://example.org/survey/t"}},
		{"SkipInvitationTooLongForTheChannel", func(f *resonanz.SurveyFacts) {
			f.Conversation.Channel, f.Conversation.CustomerHandle = "mastodon", "@"+strings.Repeat("k", 150)+"@example.social"
			f.Settings.Invite = map[string]string{resonanz.LangEnglish: strings.Repeat("Thanks! ", 45) + "{link}"}
			f.Link = "https://example.org/survey/t"
		}, resonanz.SurveyOutcome{Skip: resonanz.SkipChannel}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := due()
			tc.facts(&f)
			if got := survey.Decide(f); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
