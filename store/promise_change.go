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
	reason, err := promiseNote("reason", reason, resonanz.FieldError("reason", "Say why the promise was broken.").Keyed("promise.reason.missing"))
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
		kind := resonanz.AuditPromiseKept
		if state == resonanz.PromiseBroken {
			kind = resonanz.AuditPromiseBroken
		}
		return audit(ctx, tx, p.ConversationID, by, kind, resonanz.Params{"text": summary(p.Text, 80), "reason": summary(reason, 80)}, now)
	})
}

// HandOverPromise gives an open promise to another user with a note; the
// promise stays open, the new owner is notified and reminded anew.
func (db *DB) HandOverPromise(ctx context.Context, id int64, by *resonanz.User, toUserID int64, note string) error {
	note, err := promiseNote("note", note, resonanz.FieldError("note", "Add a note for the new owner.").Keyed("promise.note.missing"))
	if err != nil {
		return err
	}
	return db.changePromise(ctx, id, func(tx *sql.Tx, p *resonanz.Promise) error {
		var name string
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT name, disabled FROM users WHERE id = ?`, toUserID).Scan(&name, &disabled)
		if errors.Is(err, sql.ErrNoRows) || disabled {
			return resonanz.FieldError("to", "Choose an active user to hand the promise over to.").Keyed("promise.to.inactive")
		} else if err != nil {
			return err
		}
		if toUserID == p.OwnerID {
			return resonanz.FieldError("to", "%s owns this promise already.", name).Keyed("promise.to.same")
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
		n := &resonanz.Notification{UserID: toUserID, Kind: resonanz.NotifyPromiseHandOver, ConversationID: p.ConversationID, CreatedAt: now,
			Params: resonanz.Params{"by": by.Name, "text": summary(p.Text, 80), "note": summary(note, 120)}}
		if err := notify(ctx, tx, n); err != nil {
			return err
		}
		params := resonanz.Params{"from": p.OwnerName, "to": name, "text": summary(p.Text, 80), "note": summary(note, 80)}
		return audit(ctx, tx, p.ConversationID, by, resonanz.AuditPromiseHandOver, params, millis(now))
	})
}

// changePromise runs fn on an open promise inside a write transaction.
func (db *DB) changePromise(ctx context.Context, id int64, fn func(*sql.Tx, *resonanz.Promise) error) error {
	return db.inTx(ctx, fmt.Sprintf("change promise %d", id), func(tx *sql.Tx) error {
		p, err := findPromise(ctx, tx, id)
		if err != nil {
			return err
		}
		switch p.State {
		case resonanz.PromiseKept:
			return resonanz.Errorf(resonanz.ECONFLICT, "This promise is kept already.").Keyed("promise.kept.already")
		case resonanz.PromiseBroken:
			return resonanz.Errorf(resonanz.ECONFLICT, "This promise is broken already.").Keyed("promise.broken.already")
		}
		return fn(tx, p)
	})
}

// promiseNote checks a required reason or note about a promise; missing is the error when there is none.
func promiseNote(field, text string, missing error) (string, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "" || !utf8.ValidString(text):
		return "", missing
	case utf8.RuneCountInString(text) > resonanz.MaxPromiseLen:
		return "", resonanz.FieldError(field, "The text is too long (at most %d characters).", resonanz.MaxPromiseLen).Keyed("text.long")
	}
	return text, nil
}
