package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/resonanz/resonanz"
)

// RetentionPolicies lists the channels whose conversations are deleted after a time.
func (db *DB) RetentionPolicies(ctx context.Context) ([]resonanz.RetentionPolicy, error) {
	return collect(ctx, db.read, `SELECT channel, months FROM retention_policies ORDER BY channel`, nil,
		func(row interface{ Scan(...any) error }) (resonanz.RetentionPolicy, error) {
			var p resonanz.RetentionPolicy
			return p, row.Scan(&p.Channel, &p.Months)
		})
}

// SetRetention keeps a channel's conversations p.Months months after their
// last message; months 0 keeps them for ever.
func (db *DB) SetRetention(ctx context.Context, p resonanz.RetentionPolicy) error {
	return db.inTx(ctx, "set retention", func(tx *sql.Tx) error {
		if p.Months == 0 {
			_, err := tx.ExecContext(ctx, `DELETE FROM retention_policies WHERE channel = ?`, p.Channel)
			return err
		}
		if err := p.Validate(); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO retention_policies (channel, months, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (channel) DO UPDATE SET months = excluded.months, updated_at = excluded.updated_at`, p.Channel, p.Months, millis(db.Now()))
		return err
	})
}

// conversationDeletes remove the conversations listed in ?1, a JSON array of
// ids, and whatever points at them, those pointing at others first.
func (e engine) conversationDeletes() []string {
	expiredConversations := e.jsonIDs("?1")
	expiredMessages := `(SELECT id FROM messages WHERE conversation_id IN ` + expiredConversations + `)`
	return []string{
		`DELETE FROM message_terms WHERE rowid IN ` + expiredMessages,
		`DELETE FROM message_consents WHERE message_id IN ` + expiredMessages,
		`DELETE FROM label_corrections WHERE message_id IN ` + expiredMessages,
		`DELETE FROM alert_messages WHERE message_id IN ` + expiredMessages,
		`DELETE FROM outbox WHERE conversation_id IN ` + expiredConversations,
		`DELETE FROM messages WHERE conversation_id IN ` + expiredConversations,
		`DELETE FROM notes WHERE conversation_id IN ` + expiredConversations,
		`DELETE FROM audit_events WHERE conversation_id IN ` + expiredConversations,
		`DELETE FROM route_events WHERE conversation_id IN ` + expiredConversations,
		`DELETE FROM notifications WHERE conversation_id IN ` + expiredConversations,
		`DELETE FROM promise_handovers WHERE promise_id IN (SELECT id FROM promises WHERE conversation_id IN ` + expiredConversations + `)`,
		`DELETE FROM promises WHERE conversation_id IN ` + expiredConversations,
		`DELETE FROM goodwill_grants WHERE conversation_id IN ` + expiredConversations,
		`UPDATE contact_wishes SET conversation_id = NULL WHERE conversation_id IN ` + expiredConversations,
		`UPDATE surveys SET conversation_id = NULL, message_id = NULL, comment = '' WHERE conversation_id IN ` + expiredConversations,
		`DELETE FROM conversations WHERE id IN ` + expiredConversations,
	}
}

// DeleteConversationsBefore deletes up to limit conversations of channel
// whose last message came before cutoff, with everything that belongs to
// them, in one transaction; it returns how many went. Contacts stay, and
// their surveys lose the conversation and its comment.
func (db *DB) DeleteConversationsBefore(ctx context.Context, channel string, cutoff time.Time, limit int) (int, error) {
	var n int
	err := db.inTx(ctx, "retention", func(tx *sql.Tx) error {
		var ids []int64
		err := queryRows(ctx, tx, `SELECT id FROM conversations WHERE channel = ? AND last_message_at < ? ORDER BY id LIMIT ?`,
			[]any{channel, millis(cutoff), limit}, func(rows *sql.Rows) error {
				var id int64
				err := rows.Scan(&id)
				ids = append(ids, id)
				return err
			})
		if err != nil || len(ids) == 0 {
			return err
		}
		list, _ := json.Marshal(ids) // a slice of integers always marshals
		for _, stmt := range db.engine.conversationDeletes() {
			if _, err := tx.ExecContext(ctx, stmt, string(list)); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}
