package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/keyfile"
)

// ErasureKeyFile is the file in the data directory whose key makes erasure
// marks: without it, a mark cannot be tested against a guessed handle.
const ErasureKeyFile = "erasure.key"

// loadErasureKey reads the key kept in dir (the data directory), making it on first use.
func loadErasureKey(dir string) ([]byte, error) {
	text, err := keyfile.Load(dir, ErasureKeyFile)
	if err != nil {
		return nil, fmt.Errorf("erasure key: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(text))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("erasure key %s: want 64 hex digits", filepath.Join(dir, ErasureKeyFile))
	}
	return key, nil
}

// mark is the keyed hash that stands for a handle ("handle") or a message
// ("message") of an erased person on a channel.
func (db *DB) mark(kind, channel, value string) string {
	h := hmac.New(sha256.New, db.eraseKey)
	h.Write([]byte(kind + "\x00" + channel + "\x00" + value))
	return hex.EncodeToString(h.Sum(nil))
}

// markErased records the marks of a person's handles and messages.
func (db *DB) markErased(ctx context.Context, tx *sql.Tx, contactID, at int64) error {
	var marks []string
	err := queryRows(ctx, tx, `SELECT 'handle', channel, handle FROM identities WHERE contact_id IN `+personContacts+`
		UNION ALL SELECT 'message', channel, external_id FROM messages WHERE external_id IS NOT NULL AND id IN `+personMessages,
		[]any{contactID}, func(rows *sql.Rows) error {
			var kind, channel, value string
			if err := rows.Scan(&kind, &channel, &value); err != nil {
				return err
			}
			marks = append(marks, db.mark(kind, channel, value))
			return nil
		})
	if err != nil {
		return err
	}
	for _, m := range marks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO erasure_marks (mark, erased_at) VALUES (?, ?)
			ON CONFLICT (mark) DO UPDATE SET erased_at = excluded.erased_at`, m, at); err != nil {
			return err
		}
	}
	return nil
}

// erasedMessages reports which incoming messages are copies of what an
// erasure removed: a message whose id was erased, or one from an erased
// handle written before the erasure. A person who writes again after being
// erased is a new contact.
func (db *DB) erasedMessages(ctx context.Context, tx *sql.Tx, msgs []resonanz.IncomingMessage) (map[int]bool, error) {
	var some int
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM erasure_marks)`).Scan(&some); err != nil || some == 0 {
		return nil, err
	}
	byMark := map[string][]int{}
	handleMarks := map[int]string{}
	for i, m := range msgs {
		msg := db.mark("message", m.Channel, m.ExternalID)
		byMark[msg] = append(byMark[msg], i)
		handleMarks[i] = db.mark("handle", m.Channel, m.Author.Handle)
		byMark[handleMarks[i]] = append(byMark[handleMarks[i]], i)
	}
	marks := make([]any, 0, len(byMark))
	for m := range byMark {
		marks = append(marks, m)
	}
	erased := map[int]bool{}
	for start := 0; start < len(marks); start += 500 {
		part := marks[start:min(start+500, len(marks))]
		err := queryRows(ctx, tx, `SELECT mark, erased_at FROM erasure_marks WHERE mark IN (`+placeholders(len(part))+`)`, part,
			func(rows *sql.Rows) error {
				var mark string
				var at int64
				if err := rows.Scan(&mark, &at); err != nil {
					return err
				}
				for _, i := range byMark[mark] {
					if handleMarks[i] != mark || millis(msgs[i].Time) <= at {
						erased[i] = true
					}
				}
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	return erased, nil
}

// queryRows runs query in tx and calls scan for every row.
func queryRows(ctx context.Context, tx *sql.Tx, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
