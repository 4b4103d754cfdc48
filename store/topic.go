package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// FindTopics returns the company's own topics by name.
func (db *DB) FindTopics(ctx context.Context) ([]*resonanz.Topic, error) {
	var list []*resonanz.Topic
	err := db.eachRow(ctx, `SELECT name, description, seed_terms FROM topics ORDER BY name`, func(rows *sql.Rows) error {
		var t resonanz.Topic
		var terms string
		if err := rows.Scan(&t.Name, &t.Description, &terms); err != nil {
			return err
		}
		t.SeedTerms = splitList(terms)
		list = append(list, &t)
		return nil
	})
	return list, err
}

// SaveTopic creates or replaces a company topic.
func (db *DB) SaveTopic(ctx context.Context, t *resonanz.Topic) error {
	if err := t.Validate(); err != nil {
		return err
	}
	for _, term := range t.SeedTerms {
		if strings.Contains(term, ",") {
			return resonanz.FieldError("seed_terms", "A seed term cannot contain a comma.").Keyed("topic.term.comma")
		}
	}
	_, err := db.write.ExecContext(ctx, `INSERT INTO topics (name, description, seed_terms) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET description = excluded.description, seed_terms = excluded.seed_terms`,
		t.Name, t.Description, joinList(t.SeedTerms))
	if err != nil {
		return fmt.Errorf("store: save topic: %w", err)
	}
	return nil
}

// DeleteTopic removes a company topic; messages keep the label they were given.
func (db *DB) DeleteTopic(ctx context.Context, name string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM topics WHERE name = ?`, name); err != nil {
		return fmt.Errorf("store: delete topic: %w", err)
	}
	return nil
}
