package learn

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
)

// Store is what learning reads and records.
type Store interface {
	LabelCorrections(ctx context.Context) ([]resonanz.LabelCorrection, error)
	ModelVersions(ctx context.Context, limit int) ([]*resonanz.ModelVersion, error)
	LiveModel(ctx context.Context) (*resonanz.ModelVersion, error)
	SaveModelVersion(ctx context.Context, v *resonanz.ModelVersion) error
	ResetModel(ctx context.Context, by *resonanz.User) (*resonanz.ModelVersion, error)
}

// Target is where an accepted version goes live.
type Target interface {
	UseModel(model *analyze.Analyzer)
}

// Learner learns versions of the analysis from the agents' corrections: the
// shipped models plus a delta that only corrections teach. It is a
// resonanz.ModelLearner.
type Learner struct {
	shipped *analyze.Analyzer
	store   Store
	target  Target
	logger  *slog.Logger
	// Options steer learning; DefaultLearnOptions unless a test changes them.
	Options analyze.LearnOptions

	mu   sync.Mutex        // one learning at a time
	live *analyze.Analyzer // the version live now
}

// New returns a learner that adapts shipped and hands accepted versions to target.
func New(shipped *analyze.Analyzer, store Store, target Target, logger *slog.Logger) *Learner {
	return &Learner{shipped: shipped, store: store, target: target, logger: logger, Options: analyze.DefaultLearnOptions, live: shipped}
}

// LoadModel makes the version recorded as live the live analysis; a delta
// that cannot be read (from a format of another release) leaves the shipped models.
func (l *Learner) LoadModel(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	v, err := l.store.LiveModel(ctx)
	if err != nil {
		return err
	}
	model := l.shipped
	if v != nil && !v.Reset {
		var d analyze.Delta
		if err := d.UnmarshalBinary(v.Delta); err != nil {
			l.logger.Warn("learned analysis version unreadable; using the shipped models", "version", v.ID, "err", err)
		} else {
			model = l.shipped.Adapt(&d)
		}
	}
	l.use(model)
	return nil
}

// ModelVersions returns the newest versions first, without their deltas.
func (l *Learner) ModelVersions(ctx context.Context, limit int) ([]*resonanz.ModelVersion, error) {
	return l.store.ModelVersions(ctx, limit)
}

// ResetModel makes the shipped models live again and records who did it.
func (l *Learner) ResetModel(ctx context.Context, by *resonanz.User) (*resonanz.ModelVersion, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	v, err := l.store.ResetModel(ctx, by)
	if err != nil {
		return nil, err
	}
	l.logger.Info("analysis reset to the shipped models", "version", v.ID, "by", v.By)
	l.use(l.shipped)
	return v, nil
}

func (l *Learner) use(model *analyze.Analyzer) {
	l.live = model
	l.target.UseModel(model)
}

// LearnModel learns a version from the corrections since the last reset,
// scores it, the live and the shipped models on the corrections held back,
// records it, and makes it live unless it does worse than the live one.
// It returns the newest correction it saw.
func (l *Learner) LearnModel(ctx context.Context) (int64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	newest, err := l.store.ModelVersions(ctx, 1)
	if err != nil {
		return 0, err
	}
	var last *resonanz.ModelVersion
	if len(newest) > 0 {
		last = newest[0]
	}
	all, err := l.store.LabelCorrections(ctx)
	if err != nil {
		return 0, err
	}
	since, through := int64(0), int64(0)
	if last != nil {
		since, through = last.Since, last.Through
		if last.Reset {
			since = last.Through
		}
	}
	if len(all) == 0 || all[len(all)-1].ID <= through {
		return through, nil // nothing new since the last version
	}
	set := gather(all, since)
	v := &resonanz.ModelVersion{Since: since, Through: set.through, Learned: set.learnedLabels, HeldBack: set.heldLabels}
	delta := l.shipped.Learn(set.learn, l.Options)
	candidate := l.shipped.Adapt(delta)
	v.Score, v.LiveScore, v.ShippedScore = score(candidate, set.held), score(l.live, set.held), score(l.shipped, set.held)
	v.Accepted = !worse(candidate, l.live, set.held)
	if v.Accepted {
		if v.Delta, err = delta.MarshalBinary(); err != nil {
			return 0, fmt.Errorf("learn: %w", err)
		}
	}
	if err := l.store.SaveModelVersion(ctx, v); err != nil {
		return 0, err
	}
	l.logger.Info("analysis learned from corrections", "version", v.ID, "accepted", v.Accepted, "learned", v.Learned,
		"held_back", v.HeldBack, "score", v.Score, "live_score", v.LiveScore, "shipped_score", v.ShippedScore)
	if v.Accepted {
		l.use(candidate)
	}
	return v.Through, nil
}
