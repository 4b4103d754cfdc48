package rawinsert

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" driver

	"github.com/resonanz/resonanz"
)

// postgresSchema is schema's counterpart on PostgreSQL: the message columns,
// the duplicates index, and the terms table with its generated tsvector and
// GIN index as store/migrations/postgres/0001_schema.sql makes them, so that
// the COPY pays for the same index work the store's ingest pays for.
const postgresSchema = `CREATE TABLE messages (
	id BIGINT PRIMARY KEY, channel TEXT NOT NULL, external_id TEXT NOT NULL, handle TEXT NOT NULL, author TEXT NOT NULL,
	text TEXT NOT NULL, visibility TEXT NOT NULL, language TEXT NOT NULL, kind TEXT NOT NULL, sentiment TEXT NOT NULL,
	topics TEXT NOT NULL, sent_at BIGINT NOT NULL, created_at BIGINT NOT NULL);
CREATE UNIQUE INDEX messages_external ON messages (channel, external_id);
CREATE FUNCTION resonanz_terms(terms text) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(CAST(string_agg('''' || replace(replace(w, '\', '\\'), '''', '''''') || ''':' || least(n, 16383), ' ') AS tsvector), '')
	FROM unnest(string_to_array(terms, ' ')) WITH ORDINALITY AS t (w, n)
	WHERE w <> '' AND octet_length(w) <= 2047
$$;
CREATE TABLE message_terms (rowid BIGINT PRIMARY KEY, terms TEXT NOT NULL,
	tsv tsvector GENERATED ALWAYS AS (resonanz_terms(terms)) STORED);
CREATE INDEX message_terms_tsv ON message_terms USING gin (tsv);`

var (
	messageColumns = []string{"id", "channel", "external_id", "handle", "author", "text", "visibility", "language", "kind",
		"sentiment", "topics", "sent_at", "created_at"}
	termColumns = []string{"rowid", "terms"}
)

// PostgresRate writes msgs with COPY into new tables in the PostgreSQL
// database at url (its search path's first schema, which should be empty),
// batch rows per transaction, and returns the rows written per second.
func PostgresRate(ctx context.Context, url string, msgs []resonanz.IncomingMessage, batch int) (float64, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return 0, fmt.Errorf("raw copy: %w", err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("raw copy: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, postgresSchema); err != nil {
		return 0, fmt.Errorf("raw copy: schema: %w", err)
	}
	start := time.Now()
	err = conn.Raw(func(driverConn any) error {
		pg := driverConn.(*stdlib.Conn).Conn()
		for from := 0; from < len(msgs); from += batch {
			if err := copyBatch(ctx, pg, int64(from), msgs[from:min(from+batch, len(msgs))]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("raw copy: %w", err)
	}
	return float64(len(msgs)) / time.Since(start).Seconds(), nil
}

// copyBatch copies msgs, numbered from first+1 on, and their words in one
// transaction. COPY returns no ids, so the rows are numbered here, as the
// store's ingest numbers its rows itself.
func copyBatch(ctx context.Context, pg *pgx.Conn, first int64, msgs []resonanz.IncomingMessage) error {
	tx, err := pg.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	now := time.Now().UnixMilli()
	rows := make([][]any, len(msgs))
	terms := make([][]any, len(msgs))
	for i, m := range msgs {
		id := first + int64(i) + 1
		a := m.Analysis
		rows[i] = []any{id, m.Channel, m.ExternalID, m.Author.Handle, m.Author.DisplayName, m.Text, m.Visibility,
			a.Language, a.Kind, a.Sentiment, fmt.Sprint(a.Topics), m.Time.UnixMilli(), now}
		terms[i] = []any{id, m.Text}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"messages"}, messageColumns, pgx.CopyFromRows(rows)); err != nil {
		return err
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"message_terms"}, termColumns, pgx.CopyFromRows(terms)); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
