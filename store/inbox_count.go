package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// CountConversations counts the conversations f selects, but reads at most
// most of them: the inbox shows "999+" rather than walking a million rows.
// With the indexes of open work (migration 0033) a count of open work reads
// at most that many index entries.
func (db *DB) CountConversations(ctx context.Context, f resonanz.ConversationFilter, most int) (int, error) {
	q, args := db.countQuery(f, most)
	var n int
	if err := db.read.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count conversations: %w", err)
	}
	return n, nil
}

func (db *DB) countQuery(f resonanz.ConversationFilter, most int) (string, []any) {
	where, args := db.inboxConditions(f)
	q := `SELECT count(*) FROM (SELECT 1 FROM conversations c`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return q + ` LIMIT ?)`, append(args, most)
}
