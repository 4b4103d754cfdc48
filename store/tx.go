package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/resonanz/resonanz"
)

// inTx runs fn in a write transaction.
func (db *DB) inTx(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin %s: %w", what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		if resonanz.ErrorCode(err) == resonanz.EINTERNAL {
			return fmt.Errorf("store: %s: %w", what, err)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit %s: %w", what, err)
	}
	return nil
}

// begin starts a write transaction; on PostgreSQL it first waits for the
// other nodes' writes (serializeWrites).
func (db *DB) begin(ctx context.Context) (*sql.Tx, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if err := db.engine.serializeWrites(ctx, tx); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// collect runs a query and reads every row with scan.
func collect[T any](ctx context.Context, q queryer, query string, args []any, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, rows.Err()
}
