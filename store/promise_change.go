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

// KeepPromise closes an open promise as kept.
func (db *DB) KeepPromise(ctx context.Context, id int64, by *resonanz.User) error {
	return db.closePromise(ctx, id, by, resonanz.PromiseKept, "")
}

// BreakPromise closes an open promise as broken; the reason is required.
func (db *DB) BreakPromise(ctx context.Context, id int64, by *resonanz.User, reason string) error {
	reason, err := promiseNote("reason", reason, "Say why the promise was broken.")
	if err != nil {
		return err
	}
	return db.closePromise(ctx, id, by, resonanz.PromiseBroken, reason)
}

func (db *DB) closePromise(ctx context.Context, id int64, by *resonanz.User, state, reason string) error {
	return db.changePromise(ctx, id, func(tx *sql.Tx, p *resonanz.Promise) error {
		now := millis(db.Now())
		if _, err := tx.ExecContext(ctx, `UPDATE promises SET state = ?, reason = ?, closed_at = ? WHERE id = ?`,
			state, reason, now, p.ID); err != nil {
			return err
		}
		detail := state + ": " + summary(p.Text, 80)
		if reason != "" {
			detail += " — " + summary(reason, 80)
		}
		return audit(ctx, tx, p.ConversationID, by, "promise", detail, now)
	})
}

// HandOverPromise gives an open promise to another user with a note; the
// promise stays open, the new owner is notified and reminded anew.
func (db *DB) HandOverPromise(ctx context.Context, id int64, by *resonanz.User, toUserID int64, note string) error {
	note, err := promiseNote("note", note, "Add a note for the new owner.")
	if err != nil {
		return err
	}
	return db.changePromise(ctx, id, func(tx *sql.Tx, p *resonanz.Promise) error {
		var name string
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT name, disabled FROM users WHERE id = ?`, toUserID).Scan(&name, &disabled)
		if errors.Is(err, sql.ErrNoRows) || disabled {
			return resonanz.FieldError("to", "Choose an active user to hand the promise over to.")
		} else if err != nil {
			return err
		}
		if toUserID == p.OwnerID {
			return resonanz.FieldError("to", "%s owns this promise already.", name)
		}
		now := db.Now()
		// A reminder already sent went to the old owner; the new one gets their own.
		if _, err := tx.ExecContext(ctx, `UPDATE promises SET owner_id = ?,
			reminded_at = CASE WHEN due_at > ? THEN NULL ELSE reminded_at END WHERE id = ?`, toUserID, millis(now), p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO promise_handovers (promise_id, from_user, to_user, by_user, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, p.ID, p.OwnerID, toUserID, by.ID, note, millis(now)); err != nil {
			return err
		}
		n := &resonanz.Notification{UserID: toUserID, Kind: "promise.handover", ConversationID: p.ConversationID, CreatedAt: now,
			Text: fmt.Sprintf("%s handed you the promise %q: %s", by.Name, summary(p.Text, 80), summary(note, 120))}
		if err := notify(ctx, tx, n); err != nil {
			return err
		}
		detail := fmt.Sprintf("handed over %s → %s: %s — %s", p.OwnerName, name, summary(p.Text, 80), summary(note, 80))
		return audit(ctx, tx, p.ConversationID, by, "promise", detail, millis(now))
	})
}

// changePromise runs fn on an open promise inside a write transaction.
func (db *DB) changePromise(ctx context.Context, id int64, fn func(*sql.Tx, *resonanz.Promise) error) error {
	return db.inTx(ctx, fmt.Sprintf("change promise %d", id), func(tx *sql.Tx) error {
		p, err := findPromise(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.State != resonanz.PromiseOpen {
			return resonanz.Errorf(resonanz.ECONFLICT, "This promise is %s already.", p.State)
		}
		return fn(tx, p)
	})
}

// promiseNote checks a required reason or note about a promise.
func promiseNote(field, text, missing string) (string, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "" || !utf8.ValidString(text):
		return "", resonanz.FieldError(field, "%s", missing)
	case utf8.RuneCountInString(text) > resonanz.MaxPromiseLen:
		return "", resonanz.FieldError(field, "The text is too long (at most %d characters).", resonanz.MaxPromiseLen)
	}
	return text, nil
}
