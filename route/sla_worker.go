package route

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/resonanz/resonanz"
)

// SLAFirer loads what a firing SLA timer finds and records the outcome
// decide gives, in one transaction (the store).
type SLAFirer interface {
	FireSLA(ctx context.Context, t resonanz.SLATimerJob, decide func(resonanz.SLAFiring) resonanz.SLAOutcome) error
}

// SLAWorker runs the SLA timers: DecideSLA says what a warning or breach does.
type SLAWorker struct {
	river.WorkerDefaults[resonanz.SLATimerJob]
	Store SLAFirer
}

func (w *SLAWorker) Work(ctx context.Context, job *river.Job[resonanz.SLATimerJob]) error {
	return w.Store.FireSLA(ctx, job.Args, DecideSLA)
}
