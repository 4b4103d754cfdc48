package resonanz

import (
	"slices"
	"testing"
)

func TestScoresAndLow(t *testing.T) {
	if got := Scores(QuestionCSAT); !slices.Equal(got, []int{1, 2, 3, 4, 5}) {
		t.Fatalf("CSAT %v", got)
	}
	if got := Scores(QuestionNPS); len(got) != 11 || got[0] != 0 || got[10] != 10 {
		t.Fatalf("NPS %v", got)
	}
	for _, tc := range []struct {
		q     string
		score int
		low   bool
	}{{QuestionCSAT, 1, true}, {QuestionCSAT, 2, true}, {QuestionCSAT, 3, false}, {QuestionNPS, 6, true}, {QuestionNPS, 7, false}, {QuestionNPS, 0, true}} {
		if LowScore(tc.q, tc.score) != tc.low {
			t.Errorf("%s %d: low %v", tc.q, tc.score, !tc.low)
		}
	}
	r := SurveyResult{Answered: 10, Promoters: 5, Detractors: 2}
	if r.NPS() != 30 {
		t.Fatalf("NPS %d", r.NPS())
	}
}

func TestQuestionFor(t *testing.T) {
	s := &SurveySettings{Choices: []*SurveyChoice{
		{Question: QuestionCSAT},
		{Channel: "email", Question: QuestionNPS},
		{TeamID: 7, Question: ""},
		{TeamID: 7, Channel: "mastodon", Question: QuestionNPS},
	}}
	for _, tc := range []struct {
		team    int64
		channel string
		want    string
	}{{0, "forum", QuestionCSAT}, {0, "email", QuestionNPS}, {7, "email", ""}, {7, "mastodon", QuestionNPS}, {8, "email", QuestionNPS}} {
		if got := s.QuestionFor(tc.team, tc.channel); got != tc.want {
			t.Errorf("team %d on %s: %q, want %q", tc.team, tc.channel, got, tc.want)
		}
	}
	if got := (&SurveySettings{}).QuestionFor(1, "email"); got != "" {
		t.Fatalf("no choices: %q", got)
	}
}

func TestSurveySettingsValidate(t *testing.T) {
	ok := func() *SurveySettings {
		return &SurveySettings{Delay: DefaultSurveyDelay, Every: 30, Invite: map[string]string{"de": " a {link} ", "en": "b {link}"},
			FooterText: map[string]string{"de": "c {link}", "en": "d {link}"}}
	}
	if err := ok().Validate(); err != nil {
		t.Fatal(err)
	}
	for field, change := range map[string]func(*SurveySettings){
		"delay":     func(s *SurveySettings) { s.Delay = -1 },
		"every":     func(s *SurveySettings) { s.Every = 0 },
		"invite_en": func(s *SurveySettings) { s.Invite["en"] = "no link" },
		"footer_de": func(s *SurveySettings) { s.FooterText["de"] = "" },
	} {
		s := ok()
		change(s)
		if err := s.Validate(); ErrorField(err) != field {
			t.Errorf("%s: %v", field, err)
		}
	}
}
