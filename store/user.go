package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/resonanz/resonanz"
)

// Password length limits; bcrypt reads at most 72 bytes.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 72
)

// CreateUser adds a user with a hashed password.
func (db *DB) CreateUser(ctx context.Context, u *resonanz.User, password string) error {
	u.Login = strings.TrimSpace(strings.ToLower(u.Login))
	u.Name = strings.TrimSpace(u.Name)
	switch {
	case u.Login == "" || !utf8.ValidString(u.Login) || len(u.Login) > 200:
		return resonanz.FieldError("login", "A login (1–200 characters) is required.")
	case u.Name == "":
		u.Name = u.Login
	}
	if !resonanz.ValidRole(u.Role) {
		return resonanz.FieldError("role", "Role must be admin, lead or agent.")
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	u.CreatedAt = db.Now().UTC()
	err = db.write.QueryRowContext(ctx, `INSERT INTO users (login, name, role, password_hash, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING RETURNING id`,
		u.Login, u.Name, u.Role, hash, millis(u.CreatedAt)).Scan(&u.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return resonanz.Errorf(resonanz.ECONFLICT, "A user with login %q exists already.", u.Login)
	} else if err != nil {
		return fmt.Errorf("store: create user: %w", err)
	}
	return nil
}

func hashPassword(password string) (string, error) {
	if n := len(password); n < MinPasswordLen || n > MaxPasswordLen {
		return "", resonanz.FieldError("password", "A password must have %d to %d bytes.", MinPasswordLen, MaxPasswordLen)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("store: hash password: %w", err)
	}
	return string(hash), nil
}

const userColumns = `id, login, name, role, disabled, away, capacity, time_zone, created_at, password_temporary FROM users`

func scanUser(row interface{ Scan(...any) error }) (*resonanz.User, error) {
	var u resonanz.User
	var created int64
	if err := row.Scan(&u.ID, &u.Login, &u.Name, &u.Role, &u.Disabled, &u.Away, &u.Capacity, &u.TimeZone, &created, &u.MustChangePassword); err != nil {
		return nil, err
	}
	u.CreatedAt = fromMillis(created)
	return &u, nil
}

// FindUsers lists all users by name, but not those that stand for API tokens.
func (db *DB) FindUsers(ctx context.Context) ([]*resonanz.User, error) {
	users, err := collect(ctx, db.read, `SELECT `+userColumns+` WHERE `+notAPIUser+` ORDER BY name, id`, nil, scanUser)
	if err != nil {
		return nil, fmt.Errorf("store: find users: %w", err)
	}
	return users, nil
}

// FindUserByLogin returns one user, or ENOTFOUND.
func (db *DB) FindUserByLogin(ctx context.Context, login string) (*resonanz.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` WHERE login = ?`, strings.ToLower(strings.TrimSpace(login))))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "No user with login %q.", login)
	} else if err != nil {
		return nil, fmt.Errorf("store: find user: %w", err)
	}
	return u, nil
}

// SetUserDisabled disables or enables a user; disabling ends their sessions.
func (db *DB) SetUserDisabled(ctx context.Context, login string, disabled bool) error {
	u, err := db.FindUserByLogin(ctx, login)
	if err != nil {
		return err
	}
	return db.ChangeUser(ctx, u.ID, resonanz.UserChange{Disabled: &disabled})
}

// SetPassword replaces a user's password and ends their sessions.
func (db *DB) SetPassword(ctx context.Context, login, password string) error {
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	return db.updateUser(ctx, login, `UPDATE users SET password_hash = ? WHERE login = ?`, hash)
}

func (db *DB) updateUser(ctx context.Context, login, query string, value any) error {
	u, err := db.FindUserByLogin(ctx, login)
	if err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: update user: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, query, value, u.Login); err != nil {
		return fmt.Errorf("store: update user: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
		return fmt.Errorf("store: end sessions: %w", err)
	}
	return tx.Commit()
}

// Authenticate checks a login and password. It answers the same
// EUNAUTHORIZED for an unknown login, a wrong password and a disabled user.
func (db *DB) Authenticate(ctx context.Context, login, password string) (*resonanz.User, error) {
	var hash string
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` WHERE login = ?`, strings.ToLower(strings.TrimSpace(login))))
	if err == nil {
		err = db.read.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&hash)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: authenticate: %w", err)
	}
	if hash == "" {
		// Spend the same time as a real check so that logins cannot be probed.
		db.dummyOnce.Do(func() { db.dummyHash, _ = bcrypt.GenerateFromPassword([]byte(randomToken()), bcrypt.DefaultCost) })
		hash = string(db.dummyHash)
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil || u == nil || u.Disabled {
		return nil, resonanz.Errorf(resonanz.EUNAUTHORIZED, "Wrong login or password.")
	}
	return u, nil
}

// randomToken returns a URL-safe secret with 256 bits of entropy.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken stores secrets as SHA-256: they have full entropy, so a fast hash suffices.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession starts a session for a user.
func (db *DB) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (token, csrf string, err error) {
	token, csrf = randomToken(), randomToken()
	_, err = db.write.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES (?, ?, ?, ?)`,
		hashToken(token), userID, csrf, millis(db.Now().Add(ttl)))
	if err != nil {
		return "", "", fmt.Errorf("store: create session: %w", err)
	}
	return token, csrf, nil
}

// FindSession returns the enabled user of a live session and its CSRF token.
func (db *DB) FindSession(ctx context.Context, token string) (*resonanz.User, string, error) {
	var csrf string
	var u resonanz.User
	var created int64
	err := db.read.QueryRowContext(ctx, `SELECT u.id, u.login, u.name, u.role, u.disabled, u.away, u.capacity, u.time_zone, u.created_at, u.password_temporary, s.csrf
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`, hashToken(token), millis(db.Now())).
		Scan(&u.ID, &u.Login, &u.Name, &u.Role, &u.Disabled, &u.Away, &u.Capacity, &u.TimeZone, &created, &u.MustChangePassword, &csrf)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", resonanz.Errorf(resonanz.EUNAUTHORIZED, "Please log in.")
	} else if err != nil {
		return nil, "", fmt.Errorf("store: find session: %w", err)
	}
	u.CreatedAt = fromMillis(created)
	return &u, csrf, nil
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token)); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// SetTimeZone sets where a user reads times; "" is the company's zone.
func (db *DB) SetTimeZone(ctx context.Context, userID int64, zone string) error {
	if zone != "" {
		if _, err := time.LoadLocation(zone); err != nil || zone == "Local" {
			return resonanz.FieldError("time_zone", "Unknown time zone %q.", zone).Keyed("calendar.zone")
		}
	}
	res, err := db.write.ExecContext(ctx, `UPDATE users SET time_zone = ? WHERE id = ?`, zone, userID)
	if err != nil {
		return fmt.Errorf("store: set time zone: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return resonanz.Errorf(resonanz.ENOTFOUND, "No user %d.", userID).Keyed("user.notfound")
	}
	return nil
}
