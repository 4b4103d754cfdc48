package resonanz

import (
	"context"
	"time"
)

// ReportFilter selects the conversations a report counts. Zero values do not filter.
type ReportFilter struct {
	From, To time.Time // created (the customer's first message) in [From, To)
	TeamID   int64
	OwnerID  int64
	Channel  string
	Topic    string
	Language string
}

// ConversationFact is what the reports know of one conversation.
type ConversationFact struct {
	AnswerFact
	ID        int64
	Channel   string
	Kind      string // of the latest customer message, as the inbox shows it
	Sentiment string
	Language  string
	Topics    []string
	TeamID    int64 // 0: none
	OwnerID   int64 // 0: unassigned
	Status    string
}

// CountFact counts the conversations created in one slot of time with the
// same channel, kind and sentiment.
type CountFact struct {
	Slot      time.Time // the slot's start
	Channel   string
	Kind      string
	Sentiment string
	Count     int
}

// DayCount counts conversations of one local day.
type DayCount struct {
	Day   time.Time // the local midnight
	Count int
}

// AnswerFact is when a conversation was answered and solved, for answer
// times; only conversations answered, solved or with a goal have one.
type AnswerFact struct {
	CreatedAt       time.Time
	FirstResponseAt time.Time // zero: not answered yet
	ResolvedAt      time.Time // zero: not solved (or reopened)
	PolicyID        int64     // the answer-time goal's policy; 0: none
	Breached        bool      // missed an answer-time goal
}

// PromiseTally counts promises of a report's conversations.
type PromiseTally struct {
	Kept, Broken int // closed so in the period
	Overdue      int // open and past due now
}

// GoodwillTally sums the goodwill granted in a period.
type GoodwillTally struct {
	Grants int
	Amount int64 // euro cents
}

// SurveyTally sums up the satisfaction surveys answered in a period.
type SurveyTally struct {
	CSAT       int // CSAT answers
	CSATSum    int // their scores added up
	Satisfied  int // CSAT answers of 4 or 5
	NPS        int // NPS answers
	Promoters  int // NPS 9–10
	Detractors int // NPS 0–6
}

// CSATAverage is the mean CSAT score (1–5); 0 without answers.
func (t SurveyTally) CSATAverage() float64 {
	if t.CSAT == 0 {
		return 0
	}
	return float64(t.CSATSum) / float64(t.CSAT)
}

// SatisfiedShare is the share of CSAT answers of 4 or 5, in percent.
func (t SurveyTally) SatisfiedShare() int {
	if t.CSAT == 0 {
		return 0
	}
	return (200*t.Satisfied + t.CSAT) / (2 * t.CSAT) // rounded half up
}

// NetPromoterScore is the share of promoters less that of detractors, in
// points from -100 to 100; 0 without answers.
func (t SurveyTally) NetPromoterScore() int {
	if t.NPS == 0 {
		return 0
	}
	d := 100 * (t.Promoters - t.Detractors)
	if d < 0 {
		return -((-2*d + t.NPS) / (2 * t.NPS))
	}
	return (2*d + t.NPS) / (2 * t.NPS)
}

// ReportFacts reads the facts the dashboards are computed from.
type ReportFacts interface {
	// ConversationFacts returns the conversations created in the filter's period.
	ConversationFacts(ctx context.Context, f ReportFilter) ([]ConversationFact, error)
	// ConversationCounts counts the period's conversations per slot of
	// time, channel, kind and sentiment.
	ConversationCounts(ctx context.Context, f ReportFilter, slot time.Duration) ([]CountFact, error)
	// AnswerFacts returns the answer facts of the period's conversations.
	AnswerFacts(ctx context.Context, f ReportFilter) ([]AnswerFact, error)
	// TopicTally counts, per topic, the conversations created in the period.
	TopicTally(ctx context.Context, f ReportFilter) (map[string]int, error)
	// OpenWorkBefore counts the open work now (the period aside) created
	// before each of the moments, and all of it (last); oldest is the
	// creation of the oldest (zero: none open).
	OpenWorkBefore(ctx context.Context, f ReportFilter, moments []time.Time) (counts []int, oldest time.Time, err error)
	// PromiseTally counts the period's kept and broken promises and those overdue now.
	PromiseTally(ctx context.Context, f ReportFilter, now time.Time) (PromiseTally, error)
	// GoodwillTally sums the goodwill granted in the period.
	GoodwillTally(ctx context.Context, f ReportFilter) (GoodwillTally, error)
	// SurveyTally sums up the surveys answered in the period about the
	// filter's conversations (of any time).
	SurveyTally(ctx context.Context, f ReportFilter) (SurveyTally, error)

	// ReportZone names the time zone by whose local days the rollups below
	// count ("": none yet); only a report in that zone may read them.
	ReportZone(ctx context.Context) (string, error)
	// DayCounts counts the period's conversations per local day, channel,
	// kind and sentiment from the rollups.
	DayCounts(ctx context.Context, f ReportFilter) ([]CountFact, error)
	// DayTopicTally counts, per topic, the period's conversations from the
	// rollups; the filter's topic is not applied.
	DayTopicTally(ctx context.Context, f ReportFilter) (map[string]int, error)
	// OpenWorkDays counts the open work now per local day of creation, oldest first.
	OpenWorkDays(ctx context.Context, f ReportFilter) ([]DayCount, error)
	// OldestOpenWork returns the creation of the oldest open conversation
	// created at or after since (zero: none).
	OldestOpenWork(ctx context.Context, f ReportFilter, since time.Time) (time.Time, error)
}
