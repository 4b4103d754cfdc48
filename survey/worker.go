package survey

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
)

// Sender loads what a survey is decided on, and records and queues what
// decide says, in one transaction (the store).
type Sender interface {
	SendDueSurvey(ctx context.Context, id int64, solvedAt time.Time, decide func(resonanz.SurveyFacts) resonanz.SurveyOutcome) (*resonanz.Survey, error)
}

// Worker decides a survey after the settings' delay; it waits while no
// signed link can be made yet.
type Worker struct {
	river.WorkerDefaults[resonanz.SurveyJob]
	Store Sender
}

func (w *Worker) Work(ctx context.Context, job *river.Job[resonanz.SurveyJob]) error {
	_, err := w.Store.SendDueSurvey(ctx, job.Args.ConversationID, time.UnixMilli(job.Args.SolvedAt).UTC(), Decide)
	if errors.Is(err, resonanz.ErrNoSurveyLink) {
		return river.JobSnooze(30 * time.Second)
	}
	return err
}
