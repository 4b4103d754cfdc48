package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/resonanz/resonanz"
)

// notAPIUser leaves out the users that stand for API tokens: nobody picks
// them as owners or team members, and they cannot log in.
const notAPIUser = `id NOT IN (SELECT user_id FROM api_tokens WHERE user_id IS NOT NULL)`

// TokenUser returns the user a token acts as, and makes it on the token's
// first change: a disabled agent of no team, named after the token, whose
// password hash matches no password. An agent of no team sees every
// conversation, as a token does.
func (db *DB) TokenUser(ctx context.Context, t *resonanz.APIToken) (*resonanz.User, error) {
	var u *resonanz.User
	err := db.inTx(ctx, "token user", func(tx *sql.Tx) error {
		var id sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT user_id FROM api_tokens WHERE id = ?`, t.ID).Scan(&id); err != nil {
			return err
		}
		if !id.Valid {
			err := tx.QueryRowContext(ctx, `INSERT INTO users (login, name, role, password_hash, disabled, created_at)
				VALUES (?, ?, ?, '!', 1, ?) RETURNING id`, "api token "+strconv.FormatInt(t.ID, 10), t.Name, resonanz.RoleAgent,
				millis(db.Now())).Scan(&id)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET user_id = ? WHERE id = ?`, id.Int64, t.ID); err != nil {
				return err
			}
		}
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` WHERE id = ?`, id.Int64))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: user of api token %d: %w", t.ID, err)
	}
	return u, nil
}
