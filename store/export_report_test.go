package store

import (
	"context"
	"time"
)

// FireSLA runs the timer of conversation id's goal due at due, as the timer
// queue would, for the report tests in package store_test.
func FireSLA(ctx context.Context, db *DB, id int64, due time.Time) error {
	return db.fireSLA(ctx, slaTimer{ConversationID: id, Due: millis(due)})
}
