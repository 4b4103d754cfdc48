package demo

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
)

// Store is what loading the demo needs of the database: the services its
// people use, what the server's jobs do (collecting the customers' voice,
// sending due surveys), and a clock to set, so that each step of the demo's
// past month is recorded at the time it would have happened.
type Store interface {
	resonanz.UserService
	resonanz.RuleService
	resonanz.SLAService
	resonanz.CannedReplyService
	resonanz.SignatureService
	resonanz.HelpCenterService
	resonanz.ChannelAccountService
	resonanz.MessageService
	resonanz.ConversationService
	resonanz.PromiseService
	resonanz.GoodwillService
	resonanz.SuggestionService
	resonanz.ConsentService
	resonanz.SurveyService
	CollectVoice(ctx context.Context, limit int) (int, error)
	SendDueSurvey(ctx context.Context, id int64, solvedAt time.Time, decide func(resonanz.SurveyFacts) resonanz.SurveyOutcome) (*resonanz.Survey, error)
	SetClock(now func() time.Time)
}
