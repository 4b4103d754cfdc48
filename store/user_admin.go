package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/resonanz/resonanz"
)

// FindUserByID returns one user, or ENOTFOUND.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*resonanz.User, error) {
	return findUserByID(ctx, db.read, id)
}

func findUserByID(ctx context.Context, q queryer, id int64) (*resonanz.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "No such user.")
	} else if err != nil {
		return nil, fmt.Errorf("store: find user %d: %w", id, err)
	}
	return u, nil
}

// InviteUser adds a user in the given teams with a one-time password, which it returns.
func (db *DB) InviteUser(ctx context.Context, u *resonanz.User, teamIDs []int64) (string, error) {
	password := oneTimePassword()
	if err := db.CreateUser(ctx, u, password); err != nil {
		return "", err
	}
	err := db.inTx(ctx, "invite user", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_temporary = 1 WHERE id = ?`, u.ID); err != nil {
			return err
		}
		return setTeams(ctx, tx, u.ID, teamIDs)
	})
	if err != nil {
		return "", err
	}
	return password, nil
}

// ChangeUser changes a user's name, role, teams or whether they are
// disabled, in one transaction; it refuses to leave no enabled admin.
func (db *DB) ChangeUser(ctx context.Context, id int64, c resonanz.UserChange) error {
	return db.inTx(ctx, "change user", func(tx *sql.Tx) error {
		u, err := findUserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.Name != nil {
			name := strings.TrimSpace(*c.Name)
			if name == "" || len(name) > resonanz.MaxNameLen {
				return resonanz.FieldError("name", "A name (1–%d characters) is required.", resonanz.MaxNameLen)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE users SET name = ? WHERE id = ?`, name, id); err != nil {
				return err
			}
		}
		if c.Role != nil {
			if !resonanz.ValidRole(*c.Role) {
				return resonanz.FieldError("role", "Role must be admin, lead or agent.")
			}
			if _, err := tx.ExecContext(ctx, `UPDATE users SET role = ? WHERE id = ?`, *c.Role, id); err != nil {
				return err
			}
		}
		if c.Disabled != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, *c.Disabled, id); err != nil {
				return err
			}
			if *c.Disabled {
				if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
					return err
				}
			}
		}
		if c.TeamIDs != nil {
			if err := setTeams(ctx, tx, id, *c.TeamIDs); err != nil {
				return err
			}
		}
		return keepAnAdmin(ctx, tx, u)
	})
}

// keepAnAdmin refuses a change that leaves no enabled admin; u is the
// changed user as they were before.
func keepAnAdmin(ctx context.Context, tx *sql.Tx, u *resonanz.User) error {
	if u.Role != resonanz.RoleAdmin || u.Disabled {
		return nil // there was no enabled admin to lose
	}
	var admins int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0`).Scan(&admins); err != nil {
		return err
	}
	if admins == 0 {
		return resonanz.Errorf(resonanz.ECONFLICT, "%s is the last admin: make another user an admin first.", u.Name)
	}
	return nil
}

// setTeams makes the teams of a user exactly these.
func setTeams(ctx context.Context, tx *sql.Tx, userID int64, teamIDs []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM team_members WHERE user_id = ?`, userID); err != nil {
		return err
	}
	for _, team := range teamIDs {
		if _, err := lookupName(ctx, tx, "teams", team, "team"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO team_members (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, team, userID); err != nil {
			return err
		}
	}
	return nil
}

// ResetPassword gives a user a new one-time password and ends their sessions.
func (db *DB) ResetPassword(ctx context.Context, id int64) (string, error) {
	password := oneTimePassword()
	hash, err := hashPassword(password)
	if err != nil {
		return "", err
	}
	err = db.inTx(ctx, "reset password", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ?, password_temporary = 1 WHERE id = ?`, hash, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return resonanz.Errorf(resonanz.ENOTFOUND, "No such user.")
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
		return err
	})
	if err != nil {
		return "", err
	}
	return password, nil
}

// ChangeOwnPassword replaces a user's password after checking the current
// one; the user's sessions stay.
func (db *DB) ChangeOwnPassword(ctx context.Context, id int64, current, password string) error {
	var old string
	if err := db.read.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, id).Scan(&old); err != nil {
		return fmt.Errorf("store: change password: %w", err)
	}
	if bcrypt.CompareHashAndPassword([]byte(old), []byte(current)) != nil {
		return resonanz.FieldError("current", "The current password is wrong.")
	}
	if password == current {
		return resonanz.FieldError("password", "Choose a password other than the one you were given.")
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE users SET password_hash = ?, password_temporary = 0 WHERE id = ?`, hash, id); err != nil {
		return fmt.Errorf("store: change password: %w", err)
	}
	return nil
}

// oneTimePassword returns 20 random letters and digits without look-alikes
// (about 99 bits), in groups of five to be read out or typed.
func oneTimePassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	var s strings.Builder
	b := make([]byte, 1)
	for n := 0; n < 20; {
		rand.Read(b)
		if int(b[0]) >= 256/len(alphabet)*len(alphabet) {
			continue // keep every character equally likely
		}
		if n > 0 && n%5 == 0 {
			s.WriteByte('-')
		}
		s.WriteByte(alphabet[int(b[0])%len(alphabet)])
		n++
	}
	return s.String()
}
