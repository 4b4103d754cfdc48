// Package rawinsert measures what the database engine itself manages on this
// machine: the rows of messages and their words into a full-text index, in
// transactions of one batch, in fresh tables with the store's settings —
// plain INSERTs on SQLite (Rate), COPY on PostgreSQL (PostgresRate).
// `resonanz bench` sets resonanz's ingest beside it, so that the ratio, not
// a machine's speed, says how much ingest costs.
package rawinsert

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/resonanz/resonanz"
)

// schema holds a message's columns as the store keeps them, one index for
// duplicates, and the full-text index of the store's kind.
const schema = `CREATE TABLE messages (
	id INTEGER PRIMARY KEY, channel TEXT NOT NULL, external_id TEXT NOT NULL, handle TEXT NOT NULL, author TEXT NOT NULL,
	text TEXT NOT NULL, visibility TEXT NOT NULL, language TEXT NOT NULL, kind TEXT NOT NULL, sentiment TEXT NOT NULL,
	topics TEXT NOT NULL, sent_at INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE UNIQUE INDEX messages_external ON messages (channel, external_id);
CREATE VIRTUAL TABLE message_terms USING fts5 (terms, content = '', contentless_delete = 1, detail = none,
	tokenize = 'unicode61 remove_diacritics 0');`

// Rate writes msgs into a new database in dir, batch rows per transaction,
// and returns the rows written per second.
func Rate(ctx context.Context, dir string, msgs []resonanz.IncomingMessage, batch int) (float64, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(NORMAL)", "cache_size(-131072)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "raw.db")+"?"+q.Encode())
	if err != nil {
		return 0, fmt.Errorf("raw insert: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		return 0, fmt.Errorf("raw insert: schema: %w", err)
	}
	start := time.Now()
	for from := 0; from < len(msgs); from += batch {
		if err := insert(ctx, db, msgs[from:min(from+batch, len(msgs))]); err != nil {
			return 0, fmt.Errorf("raw insert: %w", err)
		}
	}
	return float64(len(msgs)) / time.Since(start).Seconds(), nil
}

func insert(ctx context.Context, db *sql.DB, msgs []resonanz.IncomingMessage) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	row, err := tx.PrepareContext(ctx, `INSERT INTO messages (channel, external_id, handle, author, text, visibility, language, kind,
		sentiment, topics, sent_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return err
	}
	terms, err := tx.PrepareContext(ctx, `INSERT INTO message_terms (rowid, terms) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	now := time.Now().UnixMilli()
	for _, m := range msgs {
		var id int64
		a := m.Analysis
		topics := fmt.Sprint(a.Topics)
		if err := row.QueryRowContext(ctx, m.Channel, m.ExternalID, m.Author.Handle, m.Author.DisplayName, m.Text, m.Visibility,
			a.Language, a.Kind, a.Sentiment, topics, m.Time.UnixMilli(), now).Scan(&id); err != nil {
			return err
		}
		if _, err := terms.ExecContext(ctx, id, m.Text); err != nil {
			return err
		}
	}
	return tx.Commit()
}
