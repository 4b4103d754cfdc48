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
	if f.OpenWork {
		q += db.engine.indexedBy(openWorkIndex(f))
	}
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return q + ` LIMIT ?) AS hits`, append(args, most)
}

// openWorkIndex names the index a count of open work walks. SQLite's
// statistics cannot tell that one agent owns few conversations when most
// have no owner: after ANALYZE it counted "mine" by reading every
// conversation (100 ms at a million messages) rather than the owner's few
// index entries.
func openWorkIndex(f resonanz.ConversationFilter) string {
	switch {
	case f.OwnerID != 0 || f.Unassigned:
		return "conversations_open_owner"
	case f.Overdue:
		return "conversations_open_due"
	}
	return "conversations_open_work"
}
