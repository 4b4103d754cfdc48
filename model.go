package resonanz

import (
	"context"
	"time"
)

// ModelVersion is one version of the analysis an installation learned from
// its agents' corrections on top of the shipped models, or a reset back to
// the shipped models. The newest accepted row is the live one.
type ModelVersion struct {
	ID    int64
	Reset bool // back to the shipped models; Through is where learning starts again
	// Accepted is false when the guard refused the version: it scored worse
	// than the live model on the corrections held back from it.
	Accepted bool
	Learned  int // corrected labels it learned from
	HeldBack int // corrected labels held back to score it
	// Scores are shares of the held-back labels got right: by this version,
	// by the model live when it was made, by the shipped models.
	Score, LiveScore, ShippedScore float64
	// It learned from the corrections with Since < id ≤ Through.
	Since, Through int64
	Delta          []byte // the learned weight changes; nil for a reset
	By             string // who reset; "" for a learned version
	CreatedAt      time.Time
}

// ModelService keeps the versions of the installation's analysis.
type ModelService interface {
	// ModelVersions returns the newest versions first, without their deltas.
	ModelVersions(ctx context.Context, limit int) ([]*ModelVersion, error)
	// ResetModel goes back to the shipped models; corrections made so far
	// are no longer learned from.
	ResetModel(ctx context.Context, by *User) (*ModelVersion, error)
}

// ModelLearner learns a new version of the analysis from the corrections;
// resonanz runs LearnModel a few minutes after agents correct labels, and
// LoadModel when another process reset the model.
type ModelLearner interface {
	// LearnModel returns the newest correction it saw.
	LearnModel(ctx context.Context) (through int64, err error)
	// LoadModel makes the version recorded as live the live analysis.
	LoadModel(ctx context.Context) error
}
