package resonanz

// Languages, sentiments and kinds the analysis assigns.
const (
	LangGerman  = "de"
	LangEnglish = "en"
	LangOther   = "other"

	Negative = "negative"
	Neutral  = "neutral"
	Positive = "positive"

	KindComplaint  = "complaint"
	KindQuestion   = "question"
	KindPraise     = "praise"
	KindSuggestion = "suggestion"
	KindOther      = "other"
)

// Urgency signals found in a message's text.
const (
	UrgentPublic = "public" // threatens to go public or to the press
	UrgentLegal  = "legal"  // lawyer, consumer protection, court
	UrgentCancel = "cancel" // threatens to cancel or to leave
	UrgentSafety = "safety" // danger to health or safety
	UrgentRepeat = "repeat" // says they have written about this before
)

// Analysis is what resonanz understands of one message.
type Analysis struct {
	Language       string             `json:"language"`
	Sentiment      string             `json:"sentiment"`
	SentimentScore float64            `json:"sentiment_score"` // confidence of Sentiment, 0..1
	Kind           string             `json:"kind"`
	KindScores     map[string]float64 `json:"kind_scores"` // each kind's probability (stored ones: 0.005 and more); a message can be several
	Topics         []string           `json:"topics"`      // topic names, best first
	Urgency        []string           `json:"urgency"`     // urgency signals, none for most messages
}

// Value returns the label an agent can correct: sentiment, kind or language.
func (a Analysis) Value(field string) string {
	switch field {
	case "sentiment":
		return a.Sentiment
	case "kind":
		return a.Kind
	case "language":
		return a.Language
	}
	return ""
}

// Analyzer understands messages; resonanz runs it on every incoming message
// before the message is stored.
type Analyzer interface {
	Analyze(text string) Analysis
}

// LabelCorrection is an agent's correction of one label of a customer
// message; a label set to the value it had is a confirmation, kept as well.
type LabelCorrection struct {
	ID        int64
	MessageID int64
	Text      string
	Field     string // sentiment, kind, topics or language
	Value     string
}
