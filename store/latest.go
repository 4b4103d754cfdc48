package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/resonanz/resonanz"
)

// LatestCustomerMessage returns the id of the customer's newest message in
// conversation id, whose labels the conversation shows; ENOTFOUND if none.
func (db *DB) LatestCustomerMessage(ctx context.Context, id int64) (int64, error) {
	var messageID int64
	err := db.read.QueryRowContext(ctx, `SELECT id FROM messages WHERE conversation_id = ? AND direction = 'in'
		ORDER BY sent_at DESC, id DESC LIMIT 1`, id).Scan(&messageID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, resonanz.Errorf(resonanz.ENOTFOUND, "Conversation %d has no customer message.", id)
	} else if err != nil {
		return 0, fmt.Errorf("store: latest customer message: %w", err)
	}
	return messageID, nil
}
