package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// FindRules returns the routing rules in order.
func (db *DB) FindRules(ctx context.Context) ([]*resonanz.Rule, error) {
	var rules []*resonanz.Rule
	err := db.eachRow(ctx, `SELECT id, position, name, enabled, continue, conditions, actions, updated_at FROM rules ORDER BY position, id`,
		func(rows *sql.Rows) error {
			var r resonanz.Rule
			var cond, act string
			var updated int64
			if err := rows.Scan(&r.ID, &r.Position, &r.Name, &r.Enabled, &r.Continue, &cond, &act, &updated); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(cond), &r.Conditions); err != nil {
				return fmt.Errorf("rule %d: conditions: %w", r.ID, err)
			}
			if err := json.Unmarshal([]byte(act), &r.Actions); err != nil {
				return fmt.Errorf("rule %d: actions: %w", r.ID, err)
			}
			r.UpdatedAt = fromMillis(updated)
			rules = append(rules, &r)
			return nil
		})
	return rules, err
}

// SaveRule creates (ID 0, placed last) or updates a rule.
func (db *DB) SaveRule(ctx context.Context, r *resonanz.Rule) error {
	if err := validateRule(r); err != nil {
		return err
	}
	cond, _ := json.Marshal(r.Conditions)
	act, _ := json.Marshal(r.Actions)
	r.UpdatedAt = db.Now()
	var err error
	if r.ID == 0 {
		err = db.write.QueryRowContext(ctx, `INSERT INTO rules (position, name, enabled, continue, conditions, actions, updated_at)
			VALUES ((SELECT coalesce(max(position), 0) + 1 FROM rules), ?, ?, ?, ?, ?, ?) RETURNING id, position`,
			r.Name, r.Enabled, r.Continue, string(cond), string(act), millis(r.UpdatedAt)).Scan(&r.ID, &r.Position)
	} else {
		var res sql.Result
		res, err = db.write.ExecContext(ctx, `UPDATE rules SET name = ?, enabled = ?, continue = ?, conditions = ?, actions = ?, updated_at = ?
			WHERE id = ?`, r.Name, r.Enabled, r.Continue, string(cond), string(act), millis(r.UpdatedAt), r.ID)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return resonanz.Errorf(resonanz.ENOTFOUND, "No rule %d.", r.ID).Keyed("rule.notfound")
		}
	}
	if err != nil {
		return fmt.Errorf("store: save rule: %w", err)
	}
	return nil
}

func validateRule(r *resonanz.Rule) error {
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" || len(r.Name) > 100 {
		return resonanz.FieldError("name", "A rule needs a name (1–100 characters).").Keyed("rule.name")
	}
	for _, ch := range r.Conditions.Channels {
		if _, ok := resonanz.LookupChannel(ch); !ok {
			return resonanz.FieldError("channels", "Unknown channel %q.", ch).Keyed("channel.unknown")
		}
	}
	if len(r.Conditions.Keywords) > 50 {
		return resonanz.FieldError("keywords", "At most 50 keywords per rule.").Keyed("rule.keywords")
	}
	a := r.Actions
	if a.Priority != "" && !resonanz.ValidPriority(a.Priority) {
		return resonanz.FieldError("priority", "Unknown priority %q.", a.Priority).Keyed("priority.unknown")
	}
	if a.TeamID == 0 && a.Priority == "" && len(a.Tags) == 0 && a.OwnerID == 0 {
		return resonanz.FieldError("actions", "A rule must do something: set a team, a priority, tags or an owner.").Keyed("rule.actions")
	}
	return nil
}

// DeleteRule removes a rule.
func (db *DB) DeleteRule(ctx context.Context, id int64) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM rules WHERE id = ?`, id); err != nil {
		return fmt.Errorf("store: delete rule: %w", err)
	}
	return nil
}

// MoveRule swaps a rule with its neighbour above (delta < 0) or below.
func (db *DB) MoveRule(ctx context.Context, id int64, delta int) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin move rule: %w", err)
	}
	defer tx.Rollback()
	var pos int
	if err := tx.QueryRowContext(ctx, `SELECT position FROM rules WHERE id = ?`, id).Scan(&pos); err == sql.ErrNoRows {
		return resonanz.Errorf(resonanz.ENOTFOUND, "No rule %d.", id).Keyed("rule.notfound")
	} else if err != nil {
		return fmt.Errorf("store: move rule: %w", err)
	}
	q := `SELECT id, position FROM rules WHERE position < ? ORDER BY position DESC LIMIT 1`
	if delta > 0 {
		q = `SELECT id, position FROM rules WHERE position > ? ORDER BY position LIMIT 1`
	}
	var other int64
	var otherPos int
	if err := tx.QueryRowContext(ctx, q, pos).Scan(&other, &otherPos); err == sql.ErrNoRows {
		return nil // already first or last
	} else if err != nil {
		return fmt.Errorf("store: move rule: %w", err)
	}
	for _, p := range [][2]int64{{id, int64(otherPos)}, {other, int64(pos)}} {
		if _, err := tx.ExecContext(ctx, `UPDATE rules SET position = ? WHERE id = ?`, p[1], p[0]); err != nil {
			return fmt.Errorf("store: move rule: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit move rule: %w", err)
	}
	return nil
}
