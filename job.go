package resonanz

import (
	"encoding/json"
	"time"
)

// Job is durable work queued in the transaction of the change it belongs
// to: it exists if and only if that change committed. The job queue (package
// jobs) decides its queue and attempts by its kind; the worker of that kind
// runs it.
type Job struct {
	Args JobArgs
	// At is when it runs; zero: as soon as a worker is free.
	At time.Time
}

// JobArgs are what a job carries; Kind names its worker.
type JobArgs interface{ Kind() string }

// SLATimerJob fires when a conversation's goal is about to be missed (Warn)
// or missed.
type SLATimerJob struct {
	ConversationID int64 `json:"conversation_id"`
	Due            int64 `json:"due"` // the due time it was set for, in ms; a clock that moved since makes it stale
	Warn           bool  `json:"warn"`
}

func (SLATimerJob) Kind() string { return "sla_timer" }

// WebhookJob is one alert news for one receiver; the body is kept as it was
// when the news happened, and signed anew at each attempt.
type WebhookJob struct {
	URL     string   `json:"url"`
	Event   string   `json:"event"`
	AlertID int64    `json:"alert_id"`
	Payload KeptBody `json:"payload"`
}

func (WebhookJob) Kind() string { return "webhook_delivery" }

// AlertMailJob is one email about an alert, as composed when the news happened.
type AlertMailJob struct {
	To      []string `json:"to"`
	Subject string   `json:"subject"`
	Body    string   `json:"body"`
	AlertID int64    `json:"alert_id"`
	Event   string   `json:"event"`
}

func (AlertMailJob) Kind() string { return "alert_mail" }

// EventJob is one attempt series of an event delivery; the delivery's row
// holds the payload and the log of how the attempts went.
type EventJob struct {
	DeliveryID int64 `json:"delivery_id"`
}

func (EventJob) Kind() string { return "event_delivery" }

// OutboxJob sends one queued reply.
type OutboxJob struct {
	OutboxID int64 `json:"outbox_id"`
}

func (OutboxJob) Kind() string { return "outbox_delivery" }

// RetentionJob deletes the conversations whose retention period has passed.
type RetentionJob struct{}

func (RetentionJob) Kind() string { return "retention" }

// LearnJob runs the learner; one is waiting at most, the corrections that
// arrive meanwhile join it.
type LearnJob struct{}

func (LearnJob) Kind() string { return "model_learn" }

// ReloadJob makes a reset recorded by another process (the command line)
// live in the server.
type ReloadJob struct{}

func (ReloadJob) Kind() string { return "model_reload" }

// SurveyJob decides, after the settings' delay, the survey of a
// conversation solved at SolvedAt (ms): it leaves only if the conversation is
// still solved from then. A solve is decided once, however often the job runs.
type SurveyJob struct {
	ConversationID int64 `json:"conversation_id"`
	SolvedAt       int64 `json:"solved_at"`
}

func (SurveyJob) Kind() string { return "survey" }

// KeptBody is a webhook body kept byte for byte in a job's arguments. It is
// written as a JSON string: PostgreSQL keeps job arguments as jsonb, which
// would reorder and respace a body kept as JSON itself, and receivers are
// promised the body as it was when the news happened. Jobs queued before kept
// the body as JSON itself; those still read as they were kept.
type KeptBody []byte

func (b KeptBody) MarshalJSON() ([]byte, error) { return json.Marshal(string(b)) }

func (b *KeptBody) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*b = KeptBody(s)
		return nil
	}
	*b = append(KeptBody(nil), data...)
	return nil
}
