package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// SurveySender decides and queues the survey of a solved conversation (the store).
type SurveySender interface {
	SendDueSurvey(ctx context.Context, id int64, solvedAt time.Time) (*resonanz.Survey, error)
}

// SurveyWorker decides a survey after the settings' delay; it waits while
// no signed link can be made yet.
type SurveyWorker struct {
	river.WorkerDefaults[resonanz.SurveyJob]
	Store SurveySender
}

func (w *SurveyWorker) Work(ctx context.Context, job *river.Job[resonanz.SurveyJob]) error {
	_, err := w.Store.SendDueSurvey(ctx, job.Args.ConversationID, time.UnixMilli(job.Args.SolvedAt).UTC())
	if errors.Is(err, store.ErrNoLinks) {
		return river.JobSnooze(30 * time.Second)
	}
	return err
}
