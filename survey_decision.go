package resonanz

import (
	"errors"
	"time"
)

// ErrNoSurveyLink: no signed link can be made yet (the server's public
// address is not known); the survey waits.
var ErrNoSurveyLink = errors.New("no survey link can be made yet")

// SurveyFacts are what the survey of a solved conversation is decided on,
// as the store finds them when the survey job runs (times to the
// millisecond, as stored).
type SurveyFacts struct {
	Conversation *Conversation
	// JobSolvedAt is the solve the job was queued for, SolvedAt the
	// conversation's latest (zero: never solved), SurveyedFor the solve
	// whose survey was decided (zero: none).
	JobSolvedAt, SolvedAt, SurveyedFor time.Time
	Settings                           *SurveySettings
	HasAccount                         bool      // a channel account can send the customer a message
	LastSurvey                         time.Time // when the person got their last survey; zero: never
	Consent                            ConsentDecision
	Now                                time.Time
	// Link is the survey's signed link, once the survey has one (it needs
	// the survey's id); the invitation's text is decided with it.
	Link string
}

// SurveyOutcome is what becomes of a solved conversation's survey. Without
// Stale, Skip or Blocked, a survey with Question goes out when there is one
// (Text, once SurveyFacts.Link is known); none is asked otherwise.
type SurveyOutcome struct {
	Stale      bool   // reopened or solved again since, or decided already: nothing happens
	Skip       string // why no survey goes out (a Skip* value), for the audit trail
	SkipParams Params // what the trail tells besides the reason
	Blocked    bool   // the contact's wishes rule a survey out (SurveyFacts.Consent says why)
	Question   string // QuestionCSAT or QuestionNPS; "": none is asked
	Language   string // of the survey's page and invitation
	Text       string // the invitation with its link
}
