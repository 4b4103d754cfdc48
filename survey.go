package resonanz

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The one question a satisfaction survey asks.
const (
	QuestionCSAT = "csat" // how satisfied, 1 (very unsatisfied) to 5 (very satisfied)
	QuestionNPS  = "nps"  // how likely to recommend us, 0 to 10
)

// Questions lists the survey questions.
var Questions = []string{QuestionCSAT, QuestionNPS}

// Scores returns the scores a question offers, lowest first.
func Scores(question string) []int {
	lo, hi := 1, 5
	if question == QuestionNPS {
		lo, hi = 0, 10
	}
	var list []int
	for s := lo; s <= hi; s++ {
		list = append(list, s)
	}
	return list
}

// LowScore reports whether a score asks for a lead to follow up: CSAT 2 or
// less, NPS 6 or less (a detractor).
func LowScore(question string, score int) bool {
	if question == QuestionNPS {
		return score <= NPSDetractorMax
	}
	return score <= 2
}

// NPSDetractorMax is the highest NPS score of a detractor (0–6).
const NPSDetractorMax = 6

// The lowest scores that count as praise: a comment with such a score
// reaches the praise wall of the team and the agent it was about.
const (
	PraiseCSAT = 4
	PraiseNPS  = 9
)

// HighScore reports whether a score is praise (see PraiseCSAT, PraiseNPS).
func HighScore(question string, score int) bool {
	if question == QuestionNPS {
		return score >= PraiseNPS
	}
	return score >= PraiseCSAT
}

// Survey limits and defaults.
const (
	MaxSurveyComment    = 2000
	DefaultSurveyDelay  = 2 * time.Hour // after solving: a case reopened meanwhile gets none
	DefaultSurveyEvery  = 30            // days: at most one survey per person in this many
	MaxSurveyDelay      = 14 * 24 * time.Hour
	maxSurveyEvery      = 365
	maxSurveyInviteText = 400
)

// Reasons why a solved conversation got no survey, for the audit trail.
// A question that is off for the team and channel is no reason worth a line.
const (
	SkipSensitive = "sensitive"  // the conversation is marked sensitive
	SkipRefused   = "refused"    // a complaint was refused without a lead's review (see RefusedWithoutReview)
	SkipRecent    = "recent"     // the person got a survey within the last N days
	SkipChannel   = "channel"    // the channel cannot send a private message
	SkipAccount   = "no_account" // no channel account can send it
)

// Survey is one satisfaction question sent to a customer after their
// conversation was solved, and their answer.
type Survey struct {
	ID             int64
	ConversationID int64
	ContactID      int64
	AgentID        int64 // who owned the conversation when it was solved; 0: nobody
	AgentName      string
	TeamID         int64
	Channel        string
	Question       string // QuestionCSAT or QuestionNPS
	Language       string // of the page and the message
	SentAt         time.Time
	Answered       bool
	Score          int
	Comment        string
	AnsweredAt     time.Time
}

// Low reports whether the answer asks for a lead to follow up.
func (s *Survey) Low() bool { return s.Answered && LowScore(s.Question, s.Score) }

// Praises reports whether the answer is praise to pass on: a high score
// with the customer's own words.
func (s *Survey) Praises() bool {
	return s.Answered && s.Comment != "" && HighScore(s.Question, s.Score)
}

// CheckAnswer reports the first problem of an answer to the survey.
func (s *Survey) CheckAnswer(score int, comment string) (string, error) {
	comment = strings.TrimSpace(comment)
	switch {
	case !slices.Contains(Scores(s.Question), score):
		return "", FieldError("score", "Choose one of the scores.").Keyed("survey.score")
	case !utf8.ValidString(comment) || strings.ContainsRune(comment, 0):
		return "", FieldError("comment", "The comment is not valid text.").Keyed("survey.comment.invalid")
	case utf8.RuneCountInString(comment) > MaxSurveyComment:
		return "", FieldError("comment", "The comment is too long (at most %d characters).", MaxSurveyComment).Keyed("survey.comment.long")
	}
	return comment, nil
}

// SurveyChoice says which question conversations of a team on a channel
// get: the most specific choice holds (a team's before every team's, then
// a channel's before every channel's); none: no survey.
type SurveyChoice struct {
	ID       int64
	TeamID   int64 // 0: every team (and conversations without one)
	TeamName string
	Channel  string // "": every channel
	Question string // QuestionCSAT, QuestionNPS, or "" for none
}

// SurveySettings are the leads' settings of the satisfaction surveys.
type SurveySettings struct {
	// Delay is how long after solving the survey leaves: a conversation
	// reopened meanwhile gets none.
	Delay time.Duration
	// Every is the least number of days between two surveys to one person.
	Every int
	// AskUnknown sends surveys to customers who said nothing about them
	// (see ConsentPolicy).
	AskUnknown bool
	// Invite is the survey message by language; {link} stands for the
	// signed link to the survey page.
	Invite map[string]string
	// Footer adds FooterText, by language, to every email: {link} stands
	// for the signed link to the customer's wishes page.
	Footer     bool
	FooterText map[string]string
	Choices    []*SurveyChoice
}

// DefaultInvite and DefaultFooter are the texts resonanz starts with.
var (
	DefaultInvite = map[string]string{
		LangGerman:  "Ihr Anliegen ist erledigt. Waren Sie zufrieden? Eine Frage, ein Klick: {link}",
		LangEnglish: "Your request has been dealt with. Were you satisfied? One question, one click: {link}",
	}
	DefaultFooter = map[string]string{
		LangGerman:  "Wann und wofür wir Sie kontaktieren dürfen, bestimmen Sie hier: {link}",
		LangEnglish: "Choose when and why we may contact you: {link}",
	}
)

// Policy is the consent policy the settings make.
func (s *SurveySettings) Policy() ConsentPolicy { return ConsentPolicy{SurveysUnknown: s.AskUnknown} }

// Validate reports the first problem of the settings.
func (s *SurveySettings) Validate() error {
	if s.Invite == nil {
		s.Invite = map[string]string{}
	}
	if s.FooterText == nil {
		s.FooterText = map[string]string{}
	}
	switch {
	case s.Delay < 0 || s.Delay > MaxSurveyDelay:
		return FieldError("delay", "The delay is 0 to 20160 minutes (two weeks).").Keyed("survey.delay")
	case s.Every < 1 || s.Every > maxSurveyEvery:
		return FieldError("every", "The days between two surveys are 1 to 365.").Keyed("survey.every")
	}
	for _, lang := range []string{LangGerman, LangEnglish} {
		for field, text := range map[string]string{"invite_" + lang: s.Invite[lang], "footer_" + lang: s.FooterText[lang]} {
			text = strings.TrimSpace(text)
			switch {
			case !strings.Contains(text, "{link}"):
				return FieldError(field, "The text needs the placeholder {link}.").Keyed("survey.text.link")
			case !utf8.ValidString(text) || utf8.RuneCountInString(text) > maxSurveyInviteText:
				return FieldError(field, "The text is too long (at most %d characters).", maxSurveyInviteText).Keyed("survey.text.long")
			}
		}
		s.Invite[lang], s.FooterText[lang] = strings.TrimSpace(s.Invite[lang]), strings.TrimSpace(s.FooterText[lang])
	}
	return nil
}

// Validate reports the first problem of a choice.
func (c *SurveyChoice) Validate() error {
	if c.Channel == EveryChannel {
		c.Channel = ""
	}
	switch {
	case c.Question != "" && !slices.Contains(Questions, c.Question):
		return FieldError("question", "Unknown question %q.", c.Question).Keyed("survey.question.unknown")
	case c.Channel != "" && !knownChannel(c.Channel):
		return FieldError("channel", "Unknown channel %q.", c.Channel).Keyed("channel.unknown")
	}
	return nil
}

func knownChannel(name string) bool { _, ok := LookupChannel(name); return ok }

// QuestionFor is the question a conversation of the team on the channel
// gets, "" for none.
func (s *SurveySettings) QuestionFor(teamID int64, channel string) string {
	best, rank := "", -1
	for _, c := range s.Choices {
		if (c.TeamID != 0 && c.TeamID != teamID) || (c.Channel != "" && c.Channel != channel) {
			continue
		}
		r := 0
		if c.TeamID != 0 {
			r += 2
		}
		if c.Channel != "" {
			r++
		}
		if r > rank {
			best, rank = c.Question, r
		}
	}
	return best
}

// SurveyResult sums up the answered surveys of one agent (0: of nobody's
// conversations) for one question.
type SurveyResult struct {
	AgentID   int64
	AgentName string
	Question  string
	Sent      int
	Answered  int
	Average   float64 // of the scores
	// Low counts the low scores; for NPS, Promoters (9–10) and
	// Detractors (0–6) make the score Promoters% − Detractors%.
	Low, Promoters, Detractors int
}

// NPS is the net promoter score of an NPS result: −100 to 100.
func (r *SurveyResult) NPS() int {
	if r.Answered == 0 {
		return 0
	}
	return (r.Promoters - r.Detractors) * 100 / r.Answered
}

// SurveyService keeps the satisfaction surveys: the leads' settings, the
// surveys sent and their answers.
type SurveyService interface {
	SurveySettings(ctx context.Context) (*SurveySettings, error)
	// SaveSurveySettings changes the settings, the choices aside.
	SaveSurveySettings(ctx context.Context, s *SurveySettings, by *User) error
	// SaveSurveyChoice sets the question of a team and channel; the same
	// team and channel again replace it.
	SaveSurveyChoice(ctx context.Context, c *SurveyChoice, by *User) error
	DeleteSurveyChoice(ctx context.Context, id int64) error
	// FindSurvey returns one survey; ENOTFOUND if there is none.
	FindSurvey(ctx context.Context, id int64) (*Survey, error)
	// AnswerSurvey records the customer's answer; a low score notifies the
	// leads of the conversation's team (NotifySurveyLow). A survey keeps its
	// first answer: ECONFLICT after.
	AnswerSurvey(ctx context.Context, id int64, score int, comment string) (*Survey, error)
	// ConversationSurveys lists the surveys of a conversation, newest first.
	ConversationSurveys(ctx context.Context, conversationID int64) ([]*Survey, error)
	// SurveyResults sums up the surveys sent since, per agent and question.
	SurveyResults(ctx context.Context, since time.Time) ([]*SurveyResult, error)
}

// RefusedWithoutReview is where the rule "no survey after a complaint was
// refused without a lead's review" plugs in. resonanz has no state for a
// refused complaint yet, so nothing is refused: once a conversation can be
// closed as "refused", this reports whether it was, and no lead reviewed
// that since; the survey job then skips it (SkipRefused). See docs/consent.md.
func RefusedWithoutReview(c *Conversation) bool { return false }
