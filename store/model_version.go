package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/resonanz/resonanz"
)

const modelVersionColumns = `v.id, v.reset, v.accepted, v.learned, v.held_back, v.score, v.live_score, v.shipped_score,
	v.since, v.through, coalesce(u.name, ''), v.created_at`

func scanModelVersion(row interface{ Scan(...any) error }, extra ...any) (*resonanz.ModelVersion, error) {
	var v resonanz.ModelVersion
	err := row.Scan(append([]any{&v.ID, &v.Reset, &v.Accepted, &v.Learned, &v.HeldBack, &v.Score, &v.LiveScore, &v.ShippedScore,
		&v.Since, &v.Through, &v.By, (*timeColumn)(&v.CreatedAt)}, extra...)...)
	return &v, err
}

// ModelVersions returns the newest versions of the analysis first, without their deltas.
func (db *DB) ModelVersions(ctx context.Context, limit int) ([]*resonanz.ModelVersion, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+modelVersionColumns+` FROM model_versions v
		LEFT JOIN users u ON u.id = v.user_id ORDER BY v.id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: model versions: %w", err)
	}
	defer rows.Close()
	var out []*resonanz.ModelVersion
	for rows.Next() {
		v, err := scanModelVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("store: model versions: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// LiveModel returns the newest accepted version with its delta, or nil
// while the shipped models have never been changed.
func (db *DB) LiveModel(ctx context.Context) (*resonanz.ModelVersion, error) {
	var delta []byte
	v, err := scanModelVersion(db.read.QueryRowContext(ctx, `SELECT `+modelVersionColumns+`, v.delta FROM model_versions v
		LEFT JOIN users u ON u.id = v.user_id WHERE v.accepted = 1 ORDER BY v.id DESC LIMIT 1`), &delta)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: live model: %w", err)
	}
	v.Delta = delta
	return v, nil
}

// SaveModelVersion records a learned version, accepted or refused.
func (db *DB) SaveModelVersion(ctx context.Context, v *resonanz.ModelVersion) error {
	v.CreatedAt = db.Now()
	err := db.write.QueryRowContext(ctx, `INSERT INTO model_versions (reset, accepted, learned, held_back, score, live_score,
		shipped_score, since, through, delta, created_at) VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		v.Accepted, v.Learned, v.HeldBack, v.Score, v.LiveScore, v.ShippedScore, v.Since, v.Through, v.Delta, millis(v.CreatedAt)).Scan(&v.ID)
	if err != nil {
		return fmt.Errorf("store: save model version: %w", err)
	}
	return nil
}

// ResetModel goes back to the shipped models and records who did it (nil:
// the command line); the corrections made so far are no longer learned from.
// A running server makes the reset live through a job.
func (db *DB) ResetModel(ctx context.Context, by *resonanz.User) (*resonanz.ModelVersion, error) {
	v := &resonanz.ModelVersion{Reset: true, Accepted: true, CreatedAt: db.Now()}
	var user any
	if by != nil {
		user, v.By = by.ID, by.Name
	}
	err := db.inTx(ctx, "reset model", func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM label_corrections`).Scan(&v.Through); err != nil {
			return err
		}
		v.Since = v.Through
		if err := tx.QueryRowContext(ctx, `INSERT INTO model_versions (reset, accepted, since, through, user_id, created_at)
			VALUES (1, 1, ?, ?, ?, ?) RETURNING id`, v.Since, v.Through, user, millis(v.CreatedAt)).Scan(&v.ID); err != nil {
			return err
		}
		return db.queue(ctx, tx, resonanz.Job{Args: resonanz.ReloadJob{}})
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// LastCorrection returns the id of the newest label correction, 0 for none.
func (db *DB) LastCorrection(ctx context.Context) (int64, error) {
	var id int64
	if err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM label_corrections`).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: last correction: %w", err)
	}
	return id, nil
}
