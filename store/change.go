package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// maxNoteLen bounds notes and replies written by agents.
const maxNoteLen = resonanz.MaxTextLen

// UpdateConversation changes status, team or owner and records each change
// in the audit trail, in one transaction.
func (db *DB) UpdateConversation(ctx context.Context, id int64, by *resonanz.User, upd resonanz.ConversationUpdate) error {
	return db.change(ctx, id, func(tx *sql.Tx, c *resonanz.Conversation) error {
		if upd.Status != nil && *upd.Status != c.Status {
			if !resonanz.ValidStatus(*upd.Status) {
				return resonanz.FieldError("status", "Unknown status %q.", *upd.Status).Keyed("status.unknown")
			}
			if err := db.setColumn(ctx, tx, c.ID, by, "status", *upd.Status, resonanz.AuditStatus, resonanz.Params{"from": c.Status, "to": *upd.Status}); err != nil {
				return err
			}
			if err := routeEvent(ctx, tx, c.ID, *upd.Status, millis(db.Now())); err != nil {
				return err
			}
			if *upd.Status == resonanz.StatusSolved {
				if err := db.scheduleSurvey(ctx, tx, c.ID, db.Now()); err != nil {
					return err
				}
			}
		}
		if upd.TeamID != nil && *upd.TeamID != c.TeamID {
			name, err := lookupName(ctx, tx, "teams", *upd.TeamID, "team_id")
			if err != nil {
				return err
			}
			if err := db.setColumn(ctx, tx, c.ID, by, "team_id", nullID(*upd.TeamID), resonanz.AuditTeam, resonanz.Params{"team": name}); err != nil {
				return err
			}
		}
		if upd.OwnerID != nil && *upd.OwnerID != c.OwnerID {
			name, err := lookupName(ctx, tx, "users", *upd.OwnerID, "owner_id")
			if err != nil {
				return err
			}
			if err := db.setColumn(ctx, tx, c.ID, by, "owner_id", nullID(*upd.OwnerID), resonanz.AuditAssign, resonanz.Params{"owner": name}); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetSensitive marks a conversation sensitive, or not: no survey follows a
// sensitive conversation.
func (db *DB) SetSensitive(ctx context.Context, id int64, by *resonanz.User, sensitive bool) error {
	return db.change(ctx, id, func(tx *sql.Tx, c *resonanz.Conversation) error {
		if c.Sensitive == sensitive {
			return nil
		}
		kind := resonanz.AuditSensitiveOff
		if sensitive {
			kind = resonanz.AuditSensitiveOn
		}
		return db.setColumn(ctx, tx, c.ID, by, "sensitive", sensitive, kind, nil)
	})
}

// AddNote adds an internal note to a conversation.
func (db *DB) AddNote(ctx context.Context, id int64, by *resonanz.User, text string) error {
	text, err := agentText("note", text)
	if err != nil {
		return err
	}
	return db.change(ctx, id, func(tx *sql.Tx, c *resonanz.Conversation) error {
		now := millis(db.Now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO notes (conversation_id, user_id, text, created_at) VALUES (?, ?, ?, ?)`,
			c.ID, by.ID, text, now); err != nil {
			return err
		}
		return audit(ctx, tx, c.ID, by, resonanz.AuditNote, resonanz.Params{"text": summary(text, 80)}, now)
	})
}

// Reply stores an agent's answer as an outbound message and queues it for
// delivery; a conversation that was open now waits for the customer. A
// customer who does not want to be contacted on the channel gets nothing.
func (db *DB) Reply(ctx context.Context, id int64, by *resonanz.User, text string, public bool) (*resonanz.OutboxItem, error) {
	items, err := db.SendReply(ctx, id, by, resonanz.ReplyDraft{Parts: []string{text}, Public: public})
	if err != nil {
		return nil, err
	}
	return items[0], nil
}

// change runs fn on conversation id inside a write transaction.
func (db *DB) change(ctx context.Context, id int64, fn func(*sql.Tx, *resonanz.Conversation) error) error {
	err := db.inTx(ctx, fmt.Sprintf("change conversation %d", id), func(tx *sql.Tx) error {
		c, err := findConversationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		return fn(tx, c)
	})
	if err == nil {
		db.wakeRouter()
	}
	return err
}

func (db *DB) setColumn(ctx context.Context, tx *sql.Tx, id int64, by *resonanz.User, column string, value any, kind string, params resonanz.Params) error {
	// column comes from the fixed set above, never from input.
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET `+column+` = ? WHERE id = ?`, value, id); err != nil {
		return err
	}
	return audit(ctx, tx, id, by, kind, params, millis(db.Now()))
}

// audit records what happened in a conversation's trail, as one of the
// resonanz.Audit kinds and its params; by nil is resonanz itself.
func audit(ctx context.Context, tx *sql.Tx, conversationID int64, by *resonanz.User, kind string, params resonanz.Params, at int64) error {
	var user any
	if by != nil {
		user = by.ID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_events (conversation_id, user_id, action, kind, params, detail, created_at)
		VALUES (?, ?, ?, ?, ?, '', ?)`, conversationID, user, resonanz.AuditAction(kind), kind, paramsText(params), at)
	return err
}

// lookupName returns the name of a team or user, "" for id 0, or an EINVALID error naming field.
func lookupName(ctx context.Context, tx *sql.Tx, table string, id int64, field string) (string, error) {
	if id == 0 {
		return "", nil
	}
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM `+table+` WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", resonanz.FieldError(field, "No such %s: %d.", strings.TrimSuffix(table, "s"), id)
	}
	return name, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func agentText(field, text string) (string, error) {
	text = strings.TrimSpace(text)
	switch {
	case !utf8.ValidString(text):
		return "", resonanz.FieldError(field, "The text is not valid UTF-8.").Keyed("text.utf8")
	case text == "":
		return "", resonanz.FieldError(field, "The text is empty.").Keyed("text.empty")
	case utf8.RuneCountInString(text) > maxNoteLen:
		return "", resonanz.FieldError(field, "The text is too long (at most %d characters).", maxNoteLen).Keyed("text.long")
	}
	return text, nil
}
