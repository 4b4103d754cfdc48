package store

import (
	"context"
	"database/sql"

	"github.com/resonanz/resonanz"
)

// OutboxEntry is an outbox row with the text of its message, for tests.
type OutboxEntry struct {
	resonanz.OutboxItem
	Text string
}

// Outbox returns every outbox entry, oldest first; nothing outside the tests reads it yet.
func Outbox(ctx context.Context, db *DB) ([]OutboxEntry, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT o.id, o.conversation_id, o.message_id, o.channel, o.visibility, o.state, m.text
		FROM outbox o JOIN messages m ON m.id = o.message_id ORDER BY o.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		if err := rows.Scan(&e.ID, &e.ConversationID, &e.MessageID, &e.Channel, &e.Visibility, &e.State, &e.Text); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}

// AddTeamMember puts a user into a team; the team settings that do so in the
// product are not built yet.
func (db *DB) AddTeamMember(ctx context.Context, teamID, userID int64) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO team_members (team_id, user_id) VALUES (?, ?)`, teamID, userID)
	return err
}

// MigrateUpTo creates the database at path as an older resonanz left it:
// with the migrations up to and including the file last.
func MigrateUpTo(ctx context.Context, path, last string) error {
	write, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer write.Close()
	return (&DB{write: write, engine: sqliteEngine}).migrate(ctx, last)
}

// AuditTrail returns the audit entries of conversation id, oldest first.
func AuditTrail(ctx context.Context, db *DB, id int64) ([]*resonanz.AuditEvent, error) {
	return db.auditTrail(ctx, id)
}
