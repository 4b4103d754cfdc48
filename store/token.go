package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
)

// lastUsedStep is how exact the last-used time of a token is: a busy
// integration writes it once a minute, not with every request.
const lastUsedStep = time.Minute

const tokenColumns = `id, name, scopes, coalesce(expires_at, 0), coalesce(last_used_at, 0), created_at, coalesce(revoked_at, 0) FROM api_tokens`

func scanToken(row interface{ Scan(...any) error }) (*resonanz.APIToken, error) {
	var t resonanz.APIToken
	var scopes string
	var expires, used, created, revoked int64
	if err := row.Scan(&t.ID, &t.Name, &scopes, &expires, &used, &created, &revoked); err != nil {
		return nil, err
	}
	t.Scopes, t.CreatedAt = splitList(scopes), fromMillis(created)
	t.ExpiresAt, t.LastUsedAt, t.RevokedAt = optMillis(expires), optMillis(used), optMillis(revoked)
	return &t, nil
}

// CreateAPIToken issues a token that delivers messages and does not expire,
// as most integrations need, and returns its secret.
func (db *DB) CreateAPIToken(ctx context.Context, name string) (string, error) {
	return db.IssueAPIToken(ctx, &resonanz.APIToken{Name: name, Scopes: []string{resonanz.ScopeIngest}})
}

// IssueAPIToken stores a new token and returns its secret, which is not stored.
func (db *DB) IssueAPIToken(ctx context.Context, t *resonanz.APIToken) (string, error) {
	now := db.Now()
	if err := t.Validate(now); err != nil {
		return "", err
	}
	secret := "rz_" + randomToken()
	t.CreatedAt, t.LastUsedAt, t.RevokedAt = now.UTC().Truncate(time.Millisecond), time.Time{}, time.Time{}
	var expires any
	if !t.ExpiresAt.IsZero() {
		expires = millis(t.ExpiresAt)
	}
	err := db.write.QueryRowContext(ctx, `INSERT INTO api_tokens (name, token_hash, scopes, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, t.Name, hashToken(secret), joinList(t.Scopes), expires, millis(t.CreatedAt)).Scan(&t.ID)
	if err != nil {
		return "", fmt.Errorf("store: issue api token: %w", err)
	}
	return secret, nil
}

// FindAPITokens lists all tokens, revoked ones too, newest first.
func (db *DB) FindAPITokens(ctx context.Context) ([]*resonanz.APIToken, error) {
	list, err := collect(ctx, db.read, `SELECT `+tokenColumns+` ORDER BY id DESC`, nil, scanToken)
	if err != nil {
		return nil, fmt.Errorf("store: find api tokens: %w", err)
	}
	return list, nil
}

// RevokeAPIToken ends a token at once. Nothing remembers valid tokens, so
// the next request with it is refused on every node.
func (db *DB) RevokeAPIToken(ctx context.Context, id int64) error {
	res, err := db.write.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?`, millis(db.Now()), id)
	if err != nil {
		return fmt.Errorf("store: revoke api token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return resonanz.Errorf(resonanz.ENOTFOUND, "No API token %d.", id)
	}
	return nil
}

// CheckAPIToken returns the token with this secret if it works and has the
// scope. It is one look-up by a unique index on every request: a cache of
// valid tokens would outlive their revocation.
func (db *DB) CheckAPIToken(ctx context.Context, secret, scope string) (*resonanz.APIToken, error) {
	t, err := scanToken(db.read.QueryRowContext(ctx, `SELECT `+tokenColumns+` WHERE token_hash = ?`, hashToken(secret)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.EUNAUTHORIZED, "Invalid API token.")
	} else if err != nil {
		return nil, fmt.Errorf("store: check api token: %w", err)
	}
	now := db.Now()
	switch t.State(now) {
	case resonanz.TokenRevoked:
		return nil, resonanz.Errorf(resonanz.EUNAUTHORIZED, "This API token was revoked.")
	case resonanz.TokenExpired:
		return nil, resonanz.Errorf(resonanz.EUNAUTHORIZED, "This API token has expired.")
	}
	if !t.Allows(scope) {
		return nil, resonanz.Errorf(resonanz.EFORBIDDEN, "This API token lacks the scope %q.", scope)
	}
	if now.Sub(t.LastUsedAt) >= lastUsedStep {
		if _, err := db.write.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, millis(now), t.ID); err != nil {
			return nil, fmt.Errorf("store: note api token use: %w", err)
		}
		t.LastUsedAt = now
	}
	return t, nil
}
