package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

const channelAccountColumns = `a.id, a.kind, a.name, a.settings, a.secrets, a.paused, a.demo, a.last_success_at, a.last_error, a.last_error_at,
	a.failures, a.next_try_at, a.created_at,
	(SELECT count(*) FROM outbox o WHERE o.account_id = a.id AND o.state = 'pending')
	FROM channel_accounts a`

// CreateChannelAccount stores a new account with its sealed secrets.
func (db *DB) CreateChannelAccount(ctx context.Context, a *resonanz.ChannelAccount) error {
	settings, err := json.Marshal(a.Settings)
	if err != nil {
		return fmt.Errorf("store: channel account settings: %w", err)
	}
	a.CreatedAt = fromMillis(millis(db.Now()))
	err = db.write.QueryRowContext(ctx, `INSERT INTO channel_accounts (kind, name, settings, secrets, paused, demo, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.Kind, a.Name, string(settings), a.SealedSecrets, a.Paused, a.Demo, millis(a.CreatedAt)).Scan(&a.ID)
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return resonanz.FieldError("name", "An account named %q exists already.", a.Name).Keyed("channel.account.exists")
	} else if err != nil {
		return fmt.Errorf("store: create channel account: %w", err)
	}
	return nil
}

// FindChannelAccounts lists every account, by name.
func (db *DB) FindChannelAccounts(ctx context.Context) ([]*resonanz.ChannelAccount, error) {
	list, err := collect(ctx, db.read, `SELECT `+channelAccountColumns+` ORDER BY a.name`, nil, scanChannelAccount)
	if err != nil {
		return nil, fmt.Errorf("store: find channel accounts: %w", err)
	}
	return list, nil
}

// FindChannelAccountByID returns one account, or ENOTFOUND.
func (db *DB) FindChannelAccountByID(ctx context.Context, id int64) (*resonanz.ChannelAccount, error) {
	a, err := scanChannelAccount(db.read.QueryRowContext(ctx, `SELECT `+channelAccountColumns+` WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Channel account %d not found.", id).Keyed("channel.account.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: find channel account %d: %w", id, err)
	}
	return a, nil
}

func scanChannelAccount(row interface{ Scan(...any) error }) (*resonanz.ChannelAccount, error) {
	var a resonanz.ChannelAccount
	var settings string
	h := &a.Health
	if err := row.Scan(&a.ID, &a.Kind, &a.Name, &settings, &a.SealedSecrets, &a.Paused, &a.Demo, (*timeColumn)(&h.LastSuccess), &h.LastError,
		(*timeColumn)(&h.LastErrorAt), &h.Failures, (*timeColumn)(&h.NextTry), (*timeColumn)(&a.CreatedAt), &h.Backlog); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(settings), &a.Settings); err != nil {
		return nil, fmt.Errorf("settings of channel account %d: %w", a.ID, err)
	}
	return &a, nil
}

// SetChannelAccountPaused pauses an account's fetching and sending, or resumes it.
func (db *DB) SetChannelAccountPaused(ctx context.Context, id int64, paused bool) error {
	return db.updateChannelAccount(ctx, id, `UPDATE channel_accounts SET paused = ? WHERE id = ?`, paused, id)
}

// DeleteChannelAccount removes an account; replies still waiting for it fail.
func (db *DB) DeleteChannelAccount(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("delete channel account %d", id), func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'failed', last_error = 'the channel account was removed', next_try_at = NULL
			WHERE account_id = ? AND state = 'pending'`, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM channel_accounts WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return resonanz.Errorf(resonanz.ENOTFOUND, "Channel account %d not found.", id).Keyed("channel.account.notfound")
		}
		return nil
	})
}

// ChannelCursor returns where fetching of account id goes on.
func (db *DB) ChannelCursor(ctx context.Context, id int64) (string, error) {
	var cursor string
	err := db.read.QueryRowContext(ctx, `SELECT cursor FROM channel_accounts WHERE id = ?`, id).Scan(&cursor)
	if errors.Is(err, sql.ErrNoRows) {
		return "", resonanz.Errorf(resonanz.ENOTFOUND, "Channel account %d not found.", id).Keyed("channel.account.notfound")
	} else if err != nil {
		return "", fmt.Errorf("store: cursor of channel account %d: %w", id, err)
	}
	return cursor, nil
}

// SaveChannelCursor stores where fetching goes on, and notes a success.
func (db *DB) SaveChannelCursor(ctx context.Context, id int64, cursor string) error {
	return db.updateChannelAccount(ctx, id, `UPDATE channel_accounts SET cursor = ?, last_success_at = ?, failures = 0, next_try_at = NULL WHERE id = ?`,
		cursor, millis(db.Now()), id)
}

// RecordChannelSuccess notes a successful fetch or send.
func (db *DB) RecordChannelSuccess(ctx context.Context, id int64) error {
	return db.updateChannelAccount(ctx, id, `UPDATE channel_accounts SET last_success_at = ?, failures = 0, next_try_at = NULL WHERE id = ?`,
		millis(db.Now()), id)
}

// RecordChannelFailure notes a failed fetch or send and returns the health after it.
func (db *DB) RecordChannelFailure(ctx context.Context, id int64, reason string, nextTry time.Time) (resonanz.ChannelHealth, error) {
	var next any
	if !nextTry.IsZero() {
		next = millis(nextTry)
	}
	if err := db.updateChannelAccount(ctx, id, `UPDATE channel_accounts SET last_error = ?, last_error_at = ?, failures = failures + 1, next_try_at = ?
		WHERE id = ?`, summary(reason, 500), millis(db.Now()), next, id); err != nil {
		return resonanz.ChannelHealth{}, err
	}
	a, err := db.FindChannelAccountByID(ctx, id)
	if err != nil {
		return resonanz.ChannelHealth{}, err
	}
	return a.Health, nil
}

func (db *DB) updateChannelAccount(ctx context.Context, id int64, query string, args ...any) error {
	res, err := db.write.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: change channel account %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return resonanz.Errorf(resonanz.ENOTFOUND, "Channel account %d not found.", id).Keyed("channel.account.notfound")
	}
	return nil
}
