package resonanz

import (
	"context"
	"time"
)

// TeamSLA is how one team met its answer-time goals in a period. TeamID 0
// stands for conversations without a team.
type TeamSLA struct {
	TeamID              int64
	TeamName            string
	Conversations       int           // created in the period
	Answered            int           // of those, answered at least once
	MedianFirstResponse time.Duration // clock time from arrival to the first answer
	Breaches            int           // goals missed in the period
	Overdue             int           // running goals past due now
}

// ReportService sums up how the teams work.
type ReportService interface {
	// SLAReport returns, per team, the conversations since a moment and how
	// they were answered, the goals missed since then and those overdue now.
	SLAReport(ctx context.Context, since time.Time) ([]*TeamSLA, error)
}
