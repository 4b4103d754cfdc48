package jobs

import (
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/resonanz/resonanz"
)

// Deliveries of alert news and events run in a queue of their own, so that
// a slow receiver never holds back an SLA timer, one at a time, so that a
// receiver hears of an alert's raise before its escalation (unless the
// raise has to be tried again). Replies leave one at a time from a queue
// of their own, so that a bulk reply leaves at the pace the platforms
// allow. The analysis learns in a queue of its own, one run at a time.
const (
	deliveryQueue = "deliveries"
	outboxQueue   = "outbox"
	learnQueue    = "learn"
)

var queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 2}, deliveryQueue: {MaxWorkers: 1},
	outboxQueue: {MaxWorkers: 1}, learnQueue: {MaxWorkers: 1}}

// Attempts: ten deliveries in about four hours (see DeliveryPause), twelve
// replies in about six hours, twenty surveys.
const (
	deliveryAttempts = 10
	outboxAttempts   = 12
	surveyAttempts   = 20
)

// insertOpts are the queue, attempts and uniqueness of a job's kind.
func insertOpts(args resonanz.JobArgs) river.InsertOpts {
	switch args.(type) {
	case resonanz.WebhookJob, resonanz.AlertMailJob, resonanz.EventJob:
		return river.InsertOpts{Queue: deliveryQueue, MaxAttempts: deliveryAttempts}
	case resonanz.OutboxJob:
		return river.InsertOpts{Queue: outboxQueue, MaxAttempts: outboxAttempts}
	case resonanz.LearnJob:
		// One learner waits at most; the corrections that arrive meanwhile join it.
		return river.InsertOpts{Queue: learnQueue, UniqueOpts: river.UniqueOpts{ByQueue: true, ByState: []rivertype.JobState{
			rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable, rivertype.JobStateRunning,
			rivertype.JobStateScheduled}}}
	case resonanz.ReloadJob:
		return river.InsertOpts{Queue: learnQueue}
	case resonanz.SurveyJob:
		return river.InsertOpts{MaxAttempts: surveyAttempts}
	}
	return river.InsertOpts{}
}

// retentionEvery is how often the retention job looks for conversations due.
const retentionEvery = time.Hour

// retentionSchedule runs the retention job at start and every hour.
func retentionSchedule() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(retentionEvery),
		func() (river.JobArgs, *river.InsertOpts) { return resonanz.RetentionJob{}, nil },
		&river.PeriodicJobOpts{ID: "retention", RunOnStart: true})
}
