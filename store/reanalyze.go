package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/resonanz/resonanz"
)

// reanalyzeBatch is how many conversations one reanalyze transaction covers.
const reanalyzeBatch = 500

// Reanalyze labels every stored customer message anew with analyze, keeps
// the labels agents corrected, and brings each conversation's labels in
// step. It works in short transactions so the server can keep running, and
// reports progress in messages done out of total.
func (db *DB) Reanalyze(ctx context.Context, analyze func(text string) resonanz.Analysis, progress func(done, total int)) error {
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM messages WHERE direction = 'in'`).Scan(&total); err != nil {
		return fmt.Errorf("store: reanalyze: %w", err)
	}
	done := 0
	for after := int64(0); ; {
		last, n, err := db.reanalyzeConversations(ctx, after, analyze)
		if err != nil {
			return fmt.Errorf("store: reanalyze after conversation %d: %w", after, err)
		}
		if n == 0 {
			return nil
		}
		done += n
		progress(done, total)
		after = last
	}
}

// reanalyzeConversations relabels the messages of the next conversations
// after id after, returning the last conversation id and the messages done.
func (db *DB) reanalyzeConversations(ctx context.Context, after int64, analyze func(string) resonanz.Analysis) (int64, int, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.conversation_id, m.text FROM messages m
		WHERE m.direction = 'in' AND m.conversation_id IN (SELECT id FROM conversations WHERE id > ? ORDER BY id LIMIT ?)
		ORDER BY m.conversation_id, m.sent_at, m.id`, after, reanalyzeBatch)
	if err != nil {
		return 0, 0, err
	}
	type relabel struct {
		id, conversationID int64
		labels             labels
	}
	var msgs []relabel
	for rows.Next() {
		var r relabel
		var text string
		if err := rows.Scan(&r.id, &r.conversationID, &text); err != nil {
			rows.Close()
			return 0, 0, err
		}
		a := analyze(text)
		r.labels = labelsOf(&a)
		msgs = append(msgs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(msgs) == 0 {
		return 0, 0, err
	}
	conversations := map[int64]*labels{}
	for i := range msgs {
		l := &msgs[i].labels
		if err := keepCorrections(ctx, tx, msgs[i].id, l); err != nil {
			return 0, 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET language = ?, sentiment = ?, sentiment_score = ?, kind = ?,
			kind_scores = ?, topics = ?, urgency = ? WHERE id = ?`,
			l.language, l.sentiment, l.sentimentScore, l.kind, l.kindScores, l.topics, l.urgency, msgs[i].id); err != nil {
			return 0, 0, err
		}
		// Messages come oldest first: the conversation takes the latest
		// labels and the urgency of all.
		c := *l
		if prev := conversations[msgs[i].conversationID]; prev != nil {
			c.urgency = mergeList(prev.urgency, l.urgency)
		}
		conversations[msgs[i].conversationID] = &c
	}
	for id, l := range conversations {
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET language = ?, sentiment = ?, kind = ?, topics = ?, urgency = ? WHERE id = ?`,
			l.language, l.sentiment, l.kind, l.topics, l.urgency, id); err != nil {
			return 0, 0, err
		}
	}
	return msgs[len(msgs)-1].conversationID, len(msgs), tx.Commit()
}

// keepCorrections puts the labels agents corrected back over the new analysis.
func keepCorrections(ctx context.Context, tx *sql.Tx, messageID int64, l *labels) error {
	rows, err := tx.QueryContext(ctx, `SELECT field, new_value FROM label_corrections WHERE message_id = ? ORDER BY id`, messageID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var field, value string
		if err := rows.Scan(&field, &value); err != nil {
			return err
		}
		switch field {
		case "sentiment":
			l.sentiment = value
		case "kind":
			l.kind = value
		case "topics": // a correction is a comma-separated list
			l.topics = encodeTopics(splitList(value))
		case "language":
			l.language = value
		}
	}
	return rows.Err()
}
