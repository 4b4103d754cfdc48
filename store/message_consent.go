package store

import (
	"context"

	"github.com/resonanz/resonanz"
)

// timelineConsents adds to the timeline's messages the consent their
// customers gave with them, in the wording they saw.
func (db *DB) timelineConsents(ctx context.Context, tl *resonanz.Timeline) error {
	byID := map[int64]*resonanz.Message{}
	for _, e := range tl.Entries {
		if e.Message != nil {
			byID[e.Message.ID] = e.Message
		}
	}
	rows, err := db.read.QueryContext(ctx, `SELECT mc.message_id, mc.wording FROM message_consents mc
		JOIN messages m ON m.id = mc.message_id JOIN conversations c ON c.id = m.conversation_id
		WHERE c.contact_id = ? ORDER BY mc.message_id DESC LIMIT ?`, tl.Conversation.ContactID, timelineLimit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var wording string
		if err := rows.Scan(&id, &wording); err != nil {
			return err
		}
		if m := byID[id]; m != nil {
			m.Consent = wording
		}
	}
	return rows.Err()
}
