package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// FindTeams lists all teams by name.
func (db *DB) FindTeams(ctx context.Context) ([]*resonanz.Team, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name FROM teams ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: find teams: %w", err)
	}
	defer rows.Close()
	var teams []*resonanz.Team
	for rows.Next() {
		var t resonanz.Team
		if err := rows.Scan(&t.ID, &t.Name); err != nil {
			return nil, fmt.Errorf("store: find teams: %w", err)
		}
		teams = append(teams, &t)
	}
	return teams, rows.Err()
}

// CreateTeam adds a team, or returns the existing one with that name.
func (db *DB) CreateTeam(ctx context.Context, name string) (*resonanz.Team, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return nil, resonanz.FieldError("name", "A team name (1–100 characters) is required.")
	}
	t := &resonanz.Team{Name: name}
	err := db.write.QueryRowContext(ctx, `INSERT INTO teams (name) VALUES (?)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, name).Scan(&t.ID)
	if err != nil {
		return nil, fmt.Errorf("store: create team: %w", err)
	}
	return t, nil
}
