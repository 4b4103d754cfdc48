package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/resonanz/resonanz"
)

// Suggestions returns the entries of the board with their messages, newest
// change first, at most limit (0: 500).
func (db *DB) Suggestions(ctx context.Context, limit int) ([]*resonanz.Suggestion, error) {
	if limit <= 0 {
		limit = 500
	}
	return findSuggestions(ctx, db.read, `1 = 1 ORDER BY s.updated_at DESC, s.id DESC LIMIT ?`, limit)
}

// FindSuggestion returns one entry, or ENOTFOUND.
func (db *DB) FindSuggestion(ctx context.Context, id int64) (*resonanz.Suggestion, error) {
	return findSuggestion(ctx, db.read, id)
}

// SetSuggestionStatus changes an entry's status and records who did it.
func (db *DB) SetSuggestionStatus(ctx context.Context, id int64, status string, by *resonanz.User) error {
	if !resonanz.ValidSuggestionStatus(status) {
		return resonanz.FieldError("status", "Unknown status %q.", status).Keyed("suggestion.status")
	}
	return db.inTx(ctx, "suggestion status", func(tx *sql.Tx) error {
		s, err := findSuggestion(ctx, tx, id)
		if err != nil || s.Status == status {
			return err
		}
		now := millis(db.Now())
		if _, err := tx.ExecContext(ctx, `UPDATE suggestions SET status = ?, updated_at = ? WHERE id = ?`, status, now, id); err != nil {
			return err
		}
		return suggestionEvent(ctx, tx, id, by, resonanz.SuggestionEventStatus, resonanz.Params{"from": s.Status, "to": status}, now)
	})
}

// MergeSuggestion moves the messages of entry from into entry into, whose
// history records it, and removes from.
func (db *DB) MergeSuggestion(ctx context.Context, from, into int64, by *resonanz.User) error {
	if from == into {
		return resonanz.FieldError("into", "An entry cannot be merged into itself.").Keyed("suggestion.merge.self")
	}
	return db.inTx(ctx, "merge suggestion", func(tx *sql.Tx) error {
		source, err := findSuggestion(ctx, tx, from)
		if err != nil {
			return err
		}
		if _, err := findSuggestion(ctx, tx, into); err != nil {
			return err
		}
		now := millis(db.Now())
		for _, q := range []string{
			`UPDATE suggestion_messages SET suggestion_id = ? WHERE suggestion_id = ?`,
			`UPDATE suggestions SET similar_to = ? WHERE similar_to = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, into, from); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE suggestions SET similar_to = NULL WHERE similar_to = id`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM suggestions WHERE id = ?`, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE suggestions SET updated_at = ? WHERE id = ?`, now, into); err != nil {
			return err
		}
		// The entry's id, not its title: the history keeps no customer's words.
		params := resonanz.Params{"entry": strconv.FormatInt(from, 10), "asked": strconv.Itoa(len(source.Messages))}
		return suggestionEvent(ctx, tx, into, by, resonanz.SuggestionEventMerged, params, now)
	})
}

func suggestionEvent(ctx context.Context, tx *sql.Tx, id int64, by *resonanz.User, kind string, params resonanz.Params, at int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO suggestion_events (suggestion_id, user_id, kind, params, created_at) VALUES (?, ?, ?, ?, ?)`,
		id, by.ID, kind, paramsText(params), at)
	return err
}

func findSuggestion(ctx context.Context, q queryer, id int64) (*resonanz.Suggestion, error) {
	list, err := findSuggestions(ctx, q, `s.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Suggestion %d not found.", id).Keyed("suggestion.notfound")
	}
	return list[0], nil
}

// findSuggestions reads the entries matching where (which may end in an
// order and a limit), with their messages and notice; an entry whose every
// message was erased is gone from the board.
func findSuggestions(ctx context.Context, q queryer, where string, args ...any) ([]*resonanz.Suggestion, error) {
	list, err := collect(ctx, q, `SELECT s.id, s.topic, s.status, coalesce(s.similar_to, 0), s.updated_at,
			n.sent IS NOT NULL, coalesce(n.sent, 0), coalesce(n.skipped, 0), coalesce(nu.name, ''), coalesce(n.created_at, 0)
		FROM (SELECT * FROM suggestions s WHERE s.id IN (SELECT suggestion_id FROM suggestion_messages) AND `+where+`) s
		LEFT JOIN suggestion_notices n ON n.suggestion_id = s.id LEFT JOIN users nu ON nu.id = n.user_id
		ORDER BY s.updated_at DESC, s.id DESC`, args,
		func(r interface{ Scan(...any) error }) (*resonanz.Suggestion, error) {
			var s resonanz.Suggestion
			var n resonanz.SuggestionNotice
			var noticed bool
			err := r.Scan(&s.ID, &s.Topic, &s.Status, &s.SimilarTo, (*timeColumn)(&s.UpdatedAt),
				&noticed, &n.Sent, &n.Skipped, &n.By, (*timeColumn)(&n.CreatedAt))
			if noticed {
				s.Notice = &n
			}
			return &s, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: find suggestions: %w", err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	byID := map[int64]*resonanz.Suggestion{}
	ids := make([]any, 0, len(list))
	for _, s := range list {
		byID[s.ID] = s
		ids = append(ids, s.ID)
	}
	asked, err := collect(ctx, q, `SELECT sm.suggestion_id, m.id, m.conversation_id, coalesce(i.contact_id, 0),
			coalesce(nullif(i.display_name, ''), i.handle, m.author_name), m.channel, m.text, m.sent_at
		FROM suggestion_messages sm JOIN messages m ON m.id = sm.message_id
		LEFT JOIN identities i ON i.id = m.identity_id WHERE sm.suggestion_id IN (`+placeholders(len(ids))+`) ORDER BY m.sent_at, m.id`, ids,
		func(r interface{ Scan(...any) error }) (askedRow, error) {
			var a askedRow
			err := r.Scan(&a.suggestionID, &a.MessageID, &a.ConversationID, &a.ContactID, &a.Customer, &a.Channel, &a.Text, (*timeColumn)(&a.At))
			return a, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: messages of suggestions: %w", err)
	}
	for _, a := range asked {
		byID[a.suggestionID].Messages = append(byID[a.suggestionID].Messages, &a.Asked)
	}
	events, err := collect(ctx, q, `SELECT e.suggestion_id, e.kind, e.params, coalesce(u.name, ''), e.created_at
		FROM suggestion_events e LEFT JOIN users u ON u.id = e.user_id
		WHERE e.suggestion_id IN (`+placeholders(len(ids))+`) ORDER BY e.id DESC`, ids,
		func(r interface{ Scan(...any) error }) (eventRow, error) {
			var e eventRow
			return e, r.Scan(&e.suggestionID, &e.Kind, (*paramsColumn)(&e.Params), &e.By, (*timeColumn)(&e.CreatedAt))
		})
	if err != nil {
		return nil, fmt.Errorf("store: history of suggestions: %w", err)
	}
	for _, e := range events {
		byID[e.suggestionID].History = append(byID[e.suggestionID].History, &e.SuggestionEvent)
	}
	for _, s := range list {
		contacts := map[int64]bool{}
		for _, a := range s.Messages {
			contacts[a.ContactID] = true
		}
		s.Customers = len(contacts)
	}
	return list, nil
}

// askedRow is a message of an entry, read before it joins its entry.
type askedRow struct {
	suggestionID int64
	resonanz.Asked
}

// eventRow is a step of an entry's history, read before it joins its entry.
type eventRow struct {
	suggestionID int64
	resonanz.SuggestionEvent
}
