package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/resonanz/resonanz"
)

// FindCannedReplies returns the canned replies f chooses, by title.
func (db *DB) FindCannedReplies(ctx context.Context, f resonanz.CannedFilter) ([]*resonanz.CannedReply, error) {
	var where []string
	var args []any
	if !f.AllTeams {
		cond := "c.team_id IS NULL"
		for _, id := range f.TeamIDs {
			cond += " OR c.team_id = ?"
			args = append(args, id)
		}
		where = append(where, "("+cond+")")
	}
	if f.Language != "" {
		where, args = append(where, "c.language = ?"), append(args, f.Language)
	}
	q := `SELECT c.id, c.title, c.text, coalesce(c.team_id, 0), coalesce(t.name, ''), c.language, coalesce(u.name, ''), c.updated_at
		FROM canned_replies c LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN users u ON u.id = c.updated_by`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	list, err := collect(ctx, db.read, q+" ORDER BY c.title, c.id", args, func(row interface{ Scan(...any) error }) (*resonanz.CannedReply, error) {
		var c resonanz.CannedReply
		var at int64
		err := row.Scan(&c.ID, &c.Title, &c.Text, &c.TeamID, &c.TeamName, &c.Language, &c.UpdatedBy, &at)
		c.UpdatedAt = fromMillis(at)
		return &c, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find canned replies: %w", err)
	}
	return list, nil
}

// SaveCannedReply creates (ID 0) or changes a canned reply.
func (db *DB) SaveCannedReply(ctx context.Context, c *resonanz.CannedReply, by *resonanz.User) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, "save canned reply", func(tx *sql.Tx) error {
		if _, err := lookupName(ctx, tx, "teams", c.TeamID, "team"); err != nil {
			return err
		}
		now := millis(db.Now())
		if c.ID == 0 {
			return tx.QueryRowContext(ctx, `INSERT INTO canned_replies (title, text, team_id, language, updated_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, c.Title, c.Text, nullID(c.TeamID), c.Language, by.ID, now).Scan(&c.ID)
		}
		res, err := tx.ExecContext(ctx, `UPDATE canned_replies SET title = ?, text = ?, team_id = ?, language = ?, updated_by = ?, updated_at = ?
			WHERE id = ?`, c.Title, c.Text, nullID(c.TeamID), c.Language, by.ID, now, c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return resonanz.Errorf(resonanz.ENOTFOUND, "No canned reply %d.", c.ID)
		}
		return nil
	})
}

// DeleteCannedReply removes a canned reply; replies that used it keep their text.
func (db *DB) DeleteCannedReply(ctx context.Context, id int64) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM canned_replies WHERE id = ?`, id); err != nil {
		return fmt.Errorf("store: delete canned reply: %w", err)
	}
	return nil
}

// HelpCenterLink is the address the placeholder {help} stands for; "" when none is set.
func (db *DB) HelpCenterLink(ctx context.Context) (string, error) {
	var link string
	err := db.read.QueryRowContext(ctx, `SELECT url FROM help_center WHERE id = 1`).Scan(&link)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: help-center link: %w", err)
	}
	return link, nil
}

// SetHelpCenterLink sets the help-center link; "" removes it.
func (db *DB) SetHelpCenterLink(ctx context.Context, link string, by *resonanz.User) error {
	link = strings.TrimSpace(link)
	if link != "" {
		u, err := url.Parse(link)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(link) > 500 {
			return resonanz.FieldError("help", "The help-center link must be a web address (https://…), at most 500 characters.")
		}
	}
	_, err := db.write.ExecContext(ctx, `INSERT INTO help_center (id, url, updated_by, updated_at) VALUES (1, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET url = excluded.url, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		link, by.ID, millis(db.Now()))
	if err != nil {
		return fmt.Errorf("store: set help-center link: %w", err)
	}
	return nil
}
