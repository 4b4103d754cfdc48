package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/resonanz/resonanz"
)

// defaultLearnDelay: the analysis learns a few minutes after the first
// correction of a round, so that the corrections an agent makes while
// working through the inbox are learned together.
const defaultLearnDelay = 3 * time.Minute

// SetLearnDelay sets how long after a correction the learner runs (0: three
// minutes).
func (db *DB) SetLearnDelay(delay time.Duration) {
	if delay > 0 {
		db.learnDelay = delay
	}
}

// scheduleLearning queues the learner in the transaction of a correction.
func (db *DB) scheduleLearning(ctx context.Context, tx *sql.Tx) error {
	return db.queue(ctx, tx, resonanz.Job{Args: resonanz.LearnJob{}, At: db.Now().Add(db.learnDelay)})
}
