package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/search"
)

// voiceMessage is a customer message the analysis labelled praise or suggestion.
type voiceMessage struct {
	id, conversationID int64
	kind               string
	topics             string // as stored: a JSON array
	unrouted           bool   // praise in a conversation routing has not yet taken in
}

// CollectVoice looks at up to limit customer messages stored since the last
// call that the analysis labelled praise or suggestion, up to the first
// praise in a conversation still waiting for routing: praise goes on a
// team's wall and notifies whom it names, a suggestion becomes a new entry
// of the board. It returns how many it took, in one transaction with the
// position it reached, so that each message is taken once.
func (db *DB) CollectVoice(ctx context.Context, limit int) (int, error) {
	var n int
	err := db.inTx(ctx, "collect praise and suggestions", func(tx *sql.Tx) error {
		var after int64
		if err := tx.QueryRowContext(ctx, `SELECT message_id FROM voice_cursor WHERE id = 1`).Scan(&after); err != nil {
			return err
		}
		msgs, err := collect(ctx, tx, `SELECT m.id, m.conversation_id, m.kind, m.topics,
				m.kind = ? AND c.team_id IS NULL AND c.owner_id IS NULL AND EXISTS (SELECT 1 FROM route_events e WHERE e.conversation_id = c.id)
			FROM messages m JOIN conversations c ON c.id = m.conversation_id
			WHERE m.id > ? AND m.direction = 'in' AND m.kind IN (?, ?) ORDER BY m.id LIMIT ?`,
			[]any{resonanz.KindPraise, after, resonanz.KindPraise, resonanz.KindSuggestion, limit},
			func(r interface{ Scan(...any) error }) (m voiceMessage, err error) {
				return m, r.Scan(&m.id, &m.conversationID, &m.kind, &m.topics, &m.unrouted)
			})
		if err != nil {
			return err
		}
		reached := after
		if i := slices.IndexFunc(msgs, func(m voiceMessage) bool { return m.unrouted }); i >= 0 {
			// Whom praise names depends on the team routing gives it: wait for it.
			msgs, reached = msgs[:i], msgs[i].id-1
		} else if len(msgs) < limit {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM messages`).Scan(&reached); err != nil {
				return err
			}
		} else {
			reached = msgs[len(msgs)-1].id
		}
		if err := db.takeVoice(ctx, tx, msgs); err != nil {
			return err
		}
		n = len(msgs)
		_, err = tx.ExecContext(ctx, `UPDATE voice_cursor SET message_id = ? WHERE id = 1 AND message_id < ?`, reached, reached)
		return err
	})
	return n, err
}

// takeVoice records the praise and suggestions among msgs.
func (db *DB) takeVoice(ctx context.Context, tx *sql.Tx, msgs []voiceMessage) error {
	board, err := openSuggestions(ctx, tx)
	if err != nil {
		return err
	}
	now := millis(db.Now())
	for _, m := range msgs {
		if m.kind == resonanz.KindPraise {
			if err := collectPraise(ctx, tx, m, now); err != nil {
				return fmt.Errorf("praise of message %d: %w", m.id, err)
			}
			continue
		}
		if err := collectSuggestion(ctx, tx, m, board, now); err != nil {
			return fmt.Errorf("suggestion of message %d: %w", m.id, err)
		}
	}
	return nil
}

// openSuggestions indexes the terms of the most recently changed open
// entries (resonanz.SimilarAmong), from the first few messages of each.
func openSuggestions(ctx context.Context, tx *sql.Tx) (*resonanz.SuggestionMatcher, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, m.text
		FROM (SELECT id, updated_at FROM suggestions WHERE status IN ('new', 'planned') ORDER BY updated_at DESC, id DESC LIMIT ?) s
		JOIN suggestion_messages sm ON sm.suggestion_id = s.id JOIN messages m ON m.id = sm.message_id
		WHERE sm.message_id IN (SELECT message_id FROM suggestion_messages WHERE suggestion_id = s.id ORDER BY message_id LIMIT ?)
		ORDER BY s.updated_at DESC, s.id DESC`, resonanz.SimilarAmong, termsOfFirst)
	if err != nil {
		return nil, fmt.Errorf("open suggestions: %w", err)
	}
	defer rows.Close()
	var order []int64 // most recently changed first, which wins a tie
	terms := map[int64][]string{}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, fmt.Errorf("open suggestions: %w", err)
		}
		if _, seen := terms[id]; !seen {
			order = append(order, id)
		}
		terms[id] = append(terms[id], search.Terms(text))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("open suggestions: %w", err)
	}
	board := resonanz.NewSuggestionMatcher()
	for _, id := range order {
		board.Add(&resonanz.Suggestion{ID: id, Status: resonanz.SuggestionNew}, terms[id]...)
	}
	return board, nil
}

// termsOfFirst is how many of an entry's messages, the first, say what it asks for.
const termsOfFirst = 20

// collectPraise puts a praising message on its team's wall, for the person it names.
func collectPraise(ctx context.Context, tx *sql.Tx, m voiceMessage, now int64) error {
	p, err := praisedMessage(ctx, tx, m.id)
	if err != nil {
		return err
	}
	people, err := praiseCandidates(ctx, tx, m.conversationID)
	if err != nil {
		return err
	}
	if u := resonanz.NamedIn(p.Text, people); u != nil {
		p.UserID = u.ID
	}
	if p.TeamID == 0 && p.UserID == 0 {
		return nil // nobody to pass it on to yet; a person can mark it by hand
	}
	return recordPraise(ctx, tx, p, nil, now)
}

// collectSuggestion makes a message a new entry of the board, hinted as
// similar to the open entry sharing the most terms, and adds it to board.
func collectSuggestion(ctx context.Context, tx *sql.Tx, m voiceMessage, board *resonanz.SuggestionMatcher, now int64) error {
	var text string
	if err := tx.QueryRowContext(ctx, `SELECT text FROM messages WHERE id = ?`, m.id).Scan(&text); err != nil {
		return err
	}
	s := &resonanz.Suggestion{Status: resonanz.SuggestionNew}
	if topics := decodeTopics(m.topics); len(topics) > 0 {
		s.Topic = topics[0]
	}
	terms := search.Terms(text)
	s.SimilarTo = board.Similar(terms)
	if err := tx.QueryRowContext(ctx, `INSERT INTO suggestions (topic, status, similar_to, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		s.Topic, s.Status, nullID(s.SimilarTo), now, now).Scan(&s.ID); err != nil {
		return err
	}
	board.Add(s, terms)
	_, err := tx.ExecContext(ctx, `INSERT INTO suggestion_messages (suggestion_id, message_id) VALUES (?, ?)`, s.ID, m.id)
	return err
}
