package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// FindTeams lists all teams by name, with their members.
func (db *DB) FindTeams(ctx context.Context) ([]*resonanz.Team, error) {
	var teams []*resonanz.Team
	byID := map[int64]*resonanz.Team{}
	err := db.eachRow(ctx, `SELECT id, name, languages, topics, round_robin FROM teams ORDER BY name`, func(rows *sql.Rows) error {
		var t resonanz.Team
		var langs, topics string
		if err := rows.Scan(&t.ID, &t.Name, &langs, &topics, &t.RoundRobin); err != nil {
			return err
		}
		t.Languages, t.Topics = splitList(langs), splitList(topics)
		teams = append(teams, &t)
		byID[t.ID] = &t
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = db.eachRow(ctx, `SELECT team_id, user_id FROM team_members ORDER BY team_id, user_id`, func(rows *sql.Rows) error {
		var team, user int64
		if err := rows.Scan(&team, &user); err != nil {
			return err
		}
		byID[team].Members = append(byID[team].Members, user)
		return nil
	})
	return teams, err
}

// CreateTeam adds a team, or returns the existing one with that name.
func (db *DB) CreateTeam(ctx context.Context, name string) (*resonanz.Team, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return nil, resonanz.FieldError("name", "A team name (1–100 characters) is required.").Keyed("team.name")
	}
	t := &resonanz.Team{Name: name, RoundRobin: true}
	err := db.write.QueryRowContext(ctx, `INSERT INTO teams (name) VALUES (?)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id, round_robin`, name).Scan(&t.ID, &t.RoundRobin)
	if err != nil {
		return nil, fmt.Errorf("store: create team: %w", err)
	}
	return t, nil
}

// SaveTeam updates a team's languages, topics, members and assignment mode.
func (db *DB) SaveTeam(ctx context.Context, t *resonanz.Team) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin save team: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE teams SET languages = ?, topics = ?, round_robin = ? WHERE id = ?`,
		joinList(t.Languages), joinList(t.Topics), t.RoundRobin, t.ID)
	if err != nil {
		return fmt.Errorf("store: save team: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return resonanz.Errorf(resonanz.ENOTFOUND, "No team %d.", t.ID).Keyed("team.notfound")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM team_members WHERE team_id = ?`, t.ID); err != nil {
		return fmt.Errorf("store: save team: %w", err)
	}
	for _, user := range t.Members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO team_members (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, t.ID, user); err != nil {
			return resonanz.FieldError("members", "No such user: %d.", user).Keyed("team.member.notfound")
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit team: %w", err)
	}
	return nil
}

// SetAvailability marks a user away or available and sets their capacity.
func (db *DB) SetAvailability(ctx context.Context, userID int64, away bool, capacity int) error {
	if capacity < 0 || capacity > 10000 {
		return resonanz.FieldError("capacity", "Capacity must be between 0 (no limit) and 10000.").Keyed("agent.capacity.range")
	}
	res, err := db.write.ExecContext(ctx, `UPDATE users SET away = ?, capacity = ? WHERE id = ?`, away, capacity, userID)
	if err != nil {
		return fmt.Errorf("store: set availability: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return resonanz.Errorf(resonanz.ENOTFOUND, "No user %d.", userID).Keyed("user.notfound")
	}
	db.wakeRouter()
	return nil
}
