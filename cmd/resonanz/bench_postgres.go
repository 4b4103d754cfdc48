package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// benchSchema makes a new schema named prefix_<random> in the PostgreSQL
// database at base and returns base with the schema as its search path, and
// the schema's name and how to drop it with everything in it.
func benchSchema(ctx context.Context, base, prefix string) (string, string, func() error, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", "", nil, fmt.Errorf("bench: --database: %w", err)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", "", nil, err
	}
	name := prefix + "_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+name); err != nil {
		admin.Close()
		return "", "", nil, fmt.Errorf("bench: create schema in %s: %w", redactURL(base), err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	drop := func() error {
		defer admin.Close()
		_, err := admin.ExecContext(context.Background(), `DROP SCHEMA `+name+` CASCADE`)
		return err
	}
	return u.String(), name, drop, nil
}

// schemaSize is the room the tables and indexes of the schema that address's
// search path names take on disk.
func schemaSize(ctx context.Context, address string) (int64, error) {
	db, err := sql.Open("pgx", address)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var size int64
	err = db.QueryRowContext(ctx, `SELECT coalesce(sum(pg_total_relation_size(oid)), 0) FROM pg_class
		WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'm')`).Scan(&size)
	return size, err
}
