package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// ErasePerson removes a contact's personal data everywhere: texts, names,
// handles, notes, wishes, corrections and the search index; queued replies
// to them are dropped. Rows that reports count (conversations, messages,
// goodwill) stay, emptied, so that past figures do not change. Marks keep a
// re-imported copy out, and the privacy log records the erasure with counts
// only.
func (db *DB) ErasePerson(ctx context.Context, contactID int64, by *resonanz.User) (*resonanz.Erasure, error) {
	e := &resonanz.Erasure{ContactID: contactID, Rows: map[string]int64{}}
	now := millis(db.Now())
	err := db.inTx(ctx, "erase person", func(tx *sql.Tx) error {
		var found int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM contacts WHERE id = ? AND merged_into IS NULL`, contactID).Scan(&found)
		if errors.Is(err, sql.ErrNoRows) {
			return resonanz.Errorf(resonanz.ENOTFOUND, "Contact %d not found.", contactID).Keyed("contact.notfound")
		} else if err != nil {
			return err
		}
		if err := db.markErased(ctx, tx, contactID, now); err != nil {
			return fmt.Errorf("marks: %w", err)
		}
		if e.Files, err = erasedFiles(ctx, tx, contactID); err != nil {
			return fmt.Errorf("files: %w", err)
		}
		params := resonanz.Params{}
		for _, t := range personTables {
			if t.erase == "" {
				continue
			}
			args := []any{contactID}
			if strings.Contains(t.erase, "?2") {
				args = append(args, now)
			}
			res, err := tx.ExecContext(ctx, t.erase, args...)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				e.Rows[t.name] = n
				params[t.name] = strconv.FormatInt(n, 10)
			}
		}
		return privacyEvent(ctx, tx, contactID, by, resonanz.PrivacyErase, params, now)
	})
	if err != nil {
		return nil, err
	}
	// A contentless index keeps deleted words in its pages until they are
	// merged; rewriting it now makes the erased words really gone.
	// (PostgreSQL's autovacuum reclaims the deleted rows of its own accord.)
	if db.engine != sqliteEngine {
		return e, nil
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO message_terms (message_terms) VALUES ('optimize')`); err != nil {
		return e, fmt.Errorf("store: erase person: compact the search index: %w", err)
	}
	return e, nil
}

// erasedFiles are the paths of the kept attachment files of a person's messages.
func erasedFiles(ctx context.Context, tx *sql.Tx, contactID int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT path FROM attachments WHERE path != '' AND message_id IN `+personMessages, contactID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var paths []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, rows.Err()
}
