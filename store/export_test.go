package store

import "context"

// AddTeamMember puts a user into a team; the team settings that do so in the
// product are not built yet.
func (db *DB) AddTeamMember(ctx context.Context, teamID, userID int64) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO team_members (team_id, user_id) VALUES (?, ?)`, teamID, userID)
	return err
}
