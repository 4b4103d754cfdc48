package resonanz

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// API token scopes: what a program holding the token may do.
const (
	ScopeIngest = "ingest" // deliver customer messages (POST /api/v1/messages)
	ScopeRead   = "read"   // read conversations and messages
	ScopeWrite  = "write"  // change conversations
	// ScopeMetrics lets a scraper read /metrics from outside the machine.
	ScopeMetrics = "metrics"
	// ScopeWebhooks manages the event webhook subscriptions.
	ScopeWebhooks = "webhooks"
)

// Scopes lists every API token scope.
var Scopes = []string{ScopeIngest, ScopeRead, ScopeWrite, ScopeMetrics, ScopeWebhooks}

// API token states.
const (
	TokenActive  = "active"
	TokenExpired = "expired"
	TokenRevoked = "revoked"
)

// APIToken lets a program use the API. Its secret is shown once, when it is
// issued; only a hash of it is stored.
type APIToken struct {
	ID         int64
	Name       string
	Scopes     []string
	ExpiresAt  time.Time // zero: never
	LastUsedAt time.Time // to the minute; zero: never used
	CreatedAt  time.Time
	RevokedAt  time.Time // zero: not revoked
}

// Validate checks a new token's name, scopes and expiry.
func (t *APIToken) Validate(now time.Time) error {
	t.Name = strings.TrimSpace(t.Name)
	switch {
	case t.Name == "" || !utf8.ValidString(t.Name) || utf8.RuneCountInString(t.Name) > 200:
		return FieldError("name", "A token name (1–200 characters) is required.")
	case len(t.Scopes) == 0:
		return FieldError("scopes", "Choose at least one scope: %s.", strings.Join(Scopes, ", "))
	case !t.ExpiresAt.IsZero() && !t.ExpiresAt.After(now):
		return FieldError("expires", "The expiry has passed already.")
	}
	for _, s := range t.Scopes {
		if !slices.Contains(Scopes, s) {
			return FieldError("scopes", "Unknown scope %q; scopes are %s.", s, strings.Join(Scopes, ", "))
		}
	}
	slices.Sort(t.Scopes)
	t.Scopes = slices.Compact(t.Scopes)
	return nil
}

// State tells whether the token works at now.
func (t *APIToken) State(now time.Time) string {
	switch {
	case !t.RevokedAt.IsZero():
		return TokenRevoked
	case !t.ExpiresAt.IsZero() && !now.Before(t.ExpiresAt):
		return TokenExpired
	}
	return TokenActive
}

// Allows reports whether the token has the scope.
func (t *APIToken) Allows(scope string) bool { return slices.Contains(t.Scopes, scope) }

// APITokenService keeps the API tokens.
type APITokenService interface {
	// IssueAPIToken stores a new token and returns its secret, which is not stored.
	IssueAPIToken(ctx context.Context, t *APIToken) (string, error)
	// FindAPITokens lists all tokens, revoked ones too, newest first.
	FindAPITokens(ctx context.Context) ([]*APIToken, error)
	// RevokeAPIToken ends a token at once; revoking it again changes nothing.
	RevokeAPIToken(ctx context.Context, id int64) error
	// CheckAPIToken returns the token with this secret if it works and has
	// the scope: EUNAUTHORIZED if it is unknown, expired or revoked,
	// EFORBIDDEN if it lacks the scope. It notes when the token was used.
	CheckAPIToken(ctx context.Context, secret, scope string) (*APIToken, error)
	// TokenUser returns the user a token acts as, named after the token:
	// the changes a program makes appear under it in audit trails. It
	// cannot log in, and sees every conversation.
	TokenUser(ctx context.Context, t *APIToken) (*User, error)
}
