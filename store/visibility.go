package store

import (
	"context"
	"fmt"

	"github.com/resonanz/resonanz"
)

// visibleCondition limits conversations c to those user ? may see: without a
// team, owned by them, of one of their teams, or all while they are in no team.
// It takes the user id four times.
const visibleCondition = `(c.team_id IS NULL OR c.owner_id = ? OR c.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)
	OR NOT EXISTS (SELECT 1 FROM team_members WHERE user_id = ?) OR ? = 0)`

func visibleArgs(userID int64) []any { return []any{userID, userID, userID, userID} }

// CanSee reports whether the user may see the conversation.
func (db *DB) CanSee(ctx context.Context, u *resonanz.User, conversationID int64) (bool, error) {
	if u.SeesAllConversations() {
		return true, nil
	}
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM conversations c WHERE c.id = ? AND `+visibleCondition,
		append([]any{conversationID}, visibleArgs(u.ID)...)...).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: can see: %w", err)
	}
	return n == 1, nil
}
