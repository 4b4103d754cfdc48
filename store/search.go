package store

import (
	"context"
	"fmt"

	"github.com/resonanz/resonanz"
)

// SearchMessages finds messages whose words match every query word, in
// German or English stemmed form, newest first.
// With visibleTo set, only messages of conversations that user may see are
// searched; the newest hits come first either way.
func (db *DB) SearchMessages(ctx context.Context, query string, limit int, visibleTo int64) ([]*resonanz.SearchHit, error) {
	match, err := db.engine.searchArg(query)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	rows, err := db.read.QueryContext(ctx, `SELECT m.id, m.conversation_id, m.channel, coalesce(m.external_id, ''), m.direction,
			m.author_name, coalesce(i.handle, ''), coalesce(m.user_id, 0), m.text, m.visibility, m.sent_at, `+labelColumns+`,
			coalesce(ct.name, m.author_name)
		FROM (SELECT t.rowid FROM message_terms t JOIN messages v ON v.id = t.rowid JOIN conversations c ON c.id = v.conversation_id
			WHERE `+db.engine.matchTerms("message_terms")+` AND `+visibleCondition+` ORDER BY t.rowid DESC LIMIT ?) hit
		JOIN messages m ON m.id = hit.rowid
		LEFT JOIN identities i ON i.id = m.identity_id
		LEFT JOIN contacts ct ON ct.id = i.contact_id
		ORDER BY m.id DESC`, append(append([]any{match}, visibleArgs(visibleTo)...), limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var hits []*resonanz.SearchHit
	for rows.Next() {
		var h resonanz.SearchHit
		m, err := scanMessage(rows, &h.CustomerName)
		if err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		h.Message = m
		hits = append(hits, &h)
	}
	return hits, rows.Err()
}
