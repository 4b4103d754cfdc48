package demo

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/survey"
)

// setUpSurveys asks for satisfaction after solved Mastodon cases (the
// demo's only channel with an account, a demo one that sends nothing):
// CSAT at first (the leads switch to NPS halfway, see switchToNPS); the
// wishes link goes below every email.
func setUpSurveys(ctx context.Context, db Store, users []*resonanz.User) error {
	lead := users[1]
	if err := db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Channel: "mastodon", Question: resonanz.QuestionCSAT}, lead); err != nil {
		return err
	}
	s, err := db.SurveySettings(ctx)
	if err != nil {
		return err
	}
	s.Footer = true
	return db.SaveSurveySettings(ctx, s, lead)
}

// switchToNPS is the leads trying the net promoter score on Mastodon
// for the second half of the demo's month, and CSAT for the app team.
func switchToNPS(ctx context.Context, db Store, lead *resonanz.User) error {
	if err := db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Channel: "mastodon", Question: resonanz.QuestionNPS}, lead); err != nil {
		return err
	}
	teams, err := db.FindTeams(ctx)
	if err != nil {
		return err
	}
	for _, t := range teams {
		if t.Name == "App & Website" {
			return db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{TeamID: t.ID, Channel: "mastodon", Question: resonanz.QuestionCSAT}, lead)
		}
	}
	return nil
}

// The demo's wishes, in the words the wishes page shows (German).
const (
	wishNoSurveys = "Nein, bitte keine Zufriedenheitsumfragen über Mastodon."
	wishYesNews   = "Ja, Sie dürfen mir Neuigkeiten und Angebote über E-Mail schicken."
	wishYesSurvey = "Ja, Sie dürfen mich über Mastodon nach meiner Zufriedenheit fragen."
)

// wishes states, for some of the demo's customers, what they want before
// their case is worked: some want no surveys or allow them, some allow
// news, a few asked by phone not to be contacted (answers to their own
// messages still leave; surveys do not).
func (s *shift) wishes(c *workedCase, agent *resonanz.User) error {
	s.at(c.first.Add(time.Minute))
	own := func(w resonanz.Wish) error {
		conv, err := s.db.FindConversationByID(s.ctx, c.id)
		if err != nil {
			return err
		}
		w.Language = resonanz.LangGerman
		_, err = s.db.SetOwnWishes(s.ctx, conv.ContactID, []resonanz.Wish{w})
		return err
	}
	switch {
	case c.n%17 == 3:
		return own(resonanz.Wish{Purpose: resonanz.PurposeSurvey, Channel: "mastodon", State: resonanz.WishDenied, Wording: wishNoSurveys})
	case c.n%19 == 5:
		return s.db.RecordWish(s.ctx, c.id, agent, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied,
			Reason: "per Telefon widersprochen"})
	case c.n%23 == 7:
		return own(resonanz.Wish{Purpose: resonanz.PurposeNews, Channel: "email", State: resonanz.WishAllowed, Wording: wishYesNews})
	case c.n%29 == 11:
		return own(resonanz.Wish{Purpose: resonanz.PurposeSurvey, Channel: "mastodon", State: resonanz.WishAllowed, Wording: wishYesSurvey})
	}
	return nil
}

// demoScores are the answers the demo's customers give, CSAT and NPS;
// surveyComments some of their comments.
var (
	csatScores     = []int{5, 5, 4, 5, 3, 4, 5, 2, 5, 4, 1, 5}
	npsScores      = []int{10, 9, 8, 10, 7, 9, 6, 10, 3, 9, 10, 8}
	surveyComments = map[int]string{0: "Schnell und freundlich, danke!", 3: "Super, das Paket ist da.", 7: "Hat viel zu lange gedauert.",
		8: "Erst nach drei Nachfragen eine Antwort.", 10: "Niemand hat sich gemeldet."}
)

// survey runs the survey job of a case solved at solved, as the server
// would after the delay, and lets two customers in three answer it a few
// hours later: mostly content, some not (their leads are told).
func (s *shift) survey(c *workedCase, solved time.Time) error {
	sent := solved.Add(resonanz.DefaultSurveyDelay)
	if sent.After(s.now) {
		return nil // the server's job sends it when it is due
	}
	s.at(sent)
	sv, err := s.db.SendDueSurvey(s.ctx, c.id, solved, survey.Decide)
	if err != nil || sv == nil {
		return err
	}
	answered := sent.Add(time.Duration(1+c.n%9) * time.Hour)
	if c.n%3 == 0 || answered.After(s.now) {
		return nil
	}
	s.at(answered)
	i := c.n / 3 % len(csatScores)
	score := csatScores[i]
	if sv.Question == resonanz.QuestionNPS {
		score = npsScores[i]
	}
	comment := surveyComments[i]
	if c.english && comment != "" {
		comment = "Thanks for the quick help!"
		if resonanz.LowScore(sv.Question, score) {
			comment = "It took far too long."
		}
	}
	_, err = s.db.AnswerSurvey(s.ctx, sv.ID, score, comment)
	return err
}
