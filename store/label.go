package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/resonanz/resonanz"
)

// labelValues lists the values a corrected label may take; topics are checked by topicList.
var labelValues = map[string][]string{
	"sentiment": {resonanz.Negative, resonanz.Neutral, resonanz.Positive},
	"kind":      {resonanz.KindComplaint, resonanz.KindQuestion, resonanz.KindPraise, resonanz.KindSuggestion, resonanz.KindOther},
	"language":  {resonanz.LangGerman, resonanz.LangEnglish, resonanz.LangOther},
}

// topicList is a comma-separated list of up to ten topic names.
var topicList = regexp.MustCompile(`^([a-z0-9_-]{1,40}(,[a-z0-9_-]{1,40}){0,9})?$`)

// CorrectLabel replaces one label of a customer message, records the
// correction for training and the change in the audit trail, and keeps the
// conversation's labels in step when the message is its latest.
func (db *DB) CorrectLabel(ctx context.Context, messageID int64, by *resonanz.User, field, value string) (int64, error) {
	if err := checkLabel(field, value); err != nil {
		return 0, err
	}
	var conversationID int64
	var old string
	// field is one of the fixed names checked above, never raw input.
	err := db.read.QueryRowContext(ctx, `SELECT conversation_id, `+field+` FROM messages WHERE id = ? AND direction = 'in'`, messageID).
		Scan(&conversationID, &old)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, resonanz.Errorf(resonanz.ENOTFOUND, "No customer message %d.", messageID).Keyed("message.notfound")
	} else if err != nil {
		return 0, fmt.Errorf("store: correct label: %w", err)
	}
	stored := value
	if field == "topics" { // corrections keep the form's comma-separated list
		stored, old = encodeTopics(splitList(value)), joinList(decodeTopics(old))
	}
	if old == value {
		return conversationID, db.confirmLabel(ctx, messageID, by, field, value)
	}
	return conversationID, db.change(ctx, conversationID, func(tx *sql.Tx, c *resonanz.Conversation) error {
		now := millis(db.Now())
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET `+field+` = ? WHERE id = ?`, stored, messageID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO label_corrections (message_id, field, old_value, new_value, user_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, messageID, field, old, value, by.ID, now); err != nil {
			return err
		}
		if err := db.scheduleLearning(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET `+field+` = ? WHERE id = ? AND ? = (SELECT id FROM messages
			WHERE conversation_id = ? AND direction = 'in' ORDER BY sent_at DESC, id DESC LIMIT 1)`,
			stored, c.ID, messageID, c.ID); err != nil {
			return err
		}
		return audit(ctx, tx, c.ID, by, "label."+field, resonanz.Params{"from": old, "to": value}, now)
	})
}

// confirmLabel records that an agent set a label to the value it has: the
// analysis got it right, which teaches as much as a correction.
func (db *DB) confirmLabel(ctx context.Context, messageID int64, by *resonanz.User, field, value string) error {
	return db.inTx(ctx, "confirm label", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO label_corrections (message_id, field, old_value, new_value, user_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, messageID, field, value, value, by.ID, millis(db.Now())); err != nil {
			return err
		}
		return db.scheduleLearning(ctx, tx)
	})
}

// MessageConversation returns the conversation a message belongs to, or ENOTFOUND.
func (db *DB) MessageConversation(ctx context.Context, messageID int64) (int64, error) {
	var id int64
	err := db.read.QueryRowContext(ctx, `SELECT conversation_id FROM messages WHERE id = ?`, messageID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, resonanz.Errorf(resonanz.ENOTFOUND, "No message %d.", messageID)
	} else if err != nil {
		return 0, fmt.Errorf("store: message conversation: %w", err)
	}
	return id, nil
}

func checkLabel(field, value string) error {
	if field == "topics" {
		if !topicList.MatchString(value) {
			return resonanz.FieldError("value", "Topics are up to ten names of lowercase letters, digits, - and _, separated by commas.").Keyed("label.topics")
		}
		return nil
	}
	allowed, ok := labelValues[field]
	if !ok {
		return resonanz.FieldError("field", "Only sentiment, kind, topics and language can be corrected.").Keyed("label.field")
	}
	if !slices.Contains(allowed, value) {
		return resonanz.FieldError("value", "%s cannot be %q.", field, value).Keyed("label.value")
	}
	return nil
}

// LabelCorrections returns every correction and confirmation agents made,
// oldest first, with the message text, for training.
func (db *DB) LabelCorrections(ctx context.Context) ([]resonanz.LabelCorrection, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT c.id, c.message_id, m.text, c.field, c.new_value
		FROM label_corrections c JOIN messages m ON m.id = c.message_id ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("store: label corrections: %w", err)
	}
	defer rows.Close()
	var out []resonanz.LabelCorrection
	for rows.Next() {
		var c resonanz.LabelCorrection
		if err := rows.Scan(&c.ID, &c.MessageID, &c.Text, &c.Field, &c.Value); err != nil {
			return nil, fmt.Errorf("store: label corrections: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
