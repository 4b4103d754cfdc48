package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestAPITokens(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		now := t0
		db.Now = func() time.Time { return now }
		check := func(secret, scope string) (*resonanz.APIToken, string) {
			t.Helper()
			tok, err := db.CheckAPIToken(ctx, secret, scope)
			return tok, resonanz.ErrorCode(err)
		}
		for _, tc := range []struct {
			name  string
			token resonanz.APIToken
			field string
		}{
			{"ErrNameRequired", resonanz.APIToken{Name: " ", Scopes: []string{resonanz.ScopeRead}}, "name"},
			{"ErrScopeRequired", resonanz.APIToken{Name: "shop"}, "scopes"},
			{"ErrUnknownScope", resonanz.APIToken{Name: "shop", Scopes: []string{"admin"}}, "scopes"},
			{"ErrExpiredAlready", resonanz.APIToken{Name: "shop", Scopes: []string{resonanz.ScopeRead}, ExpiresAt: t0}, "expires"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if _, err := db.IssueAPIToken(ctx, &tc.token); resonanz.ErrorField(err) != tc.field {
					t.Fatalf("err = %v, want a problem with %s", err, tc.field)
				}
			})
		}
		shop := &resonanz.APIToken{Name: "Shop", Scopes: []string{resonanz.ScopeRead, resonanz.ScopeIngest, resonanz.ScopeRead},
			ExpiresAt: t0.Add(24 * time.Hour)}
		secret, err := db.IssueAPIToken(ctx, shop)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("ScopesDecide", func(t *testing.T) {
			if tok, code := check(secret, resonanz.ScopeIngest); code != "" || tok.ID != shop.ID || tok.Name != "Shop" {
				t.Fatalf("ingest: %+v %s", tok, code)
			}
			if _, code := check(secret, resonanz.ScopeWrite); code != resonanz.EFORBIDDEN {
				t.Fatalf("a token without write may write: %s", code)
			}
			if _, code := check(secret+"x", resonanz.ScopeIngest); code != resonanz.EUNAUTHORIZED {
				t.Fatalf("forged token: %s", code)
			}
		})
		t.Run("LastUsedToTheMinute", func(t *testing.T) {
			now = t0.Add(30 * time.Second)
			check(secret, resonanz.ScopeRead)
			if tok := findToken(t, db, shop.ID); !tok.LastUsedAt.Equal(t0) {
				t.Fatalf("last used %v, want %v: a use within the minute is not written", tok.LastUsedAt, t0)
			}
			now = t0.Add(2 * time.Minute)
			check(secret, resonanz.ScopeRead)
			if tok := findToken(t, db, shop.ID); !tok.LastUsedAt.Equal(now) {
				t.Fatalf("last used %v, want %v", tok.LastUsedAt, now)
			}
		})
		t.Run("Expires", func(t *testing.T) {
			now = shop.ExpiresAt
			if _, code := check(secret, resonanz.ScopeIngest); code != resonanz.EUNAUTHORIZED {
				t.Fatalf("expired token: %s", code)
			}
			if state := findToken(t, db, shop.ID).State(now); state != resonanz.TokenExpired {
				t.Fatalf("state %s", state)
			}
			now = t0
		})
		t.Run("RevokedAtOnce", func(t *testing.T) {
			other, err := db.CreateAPIToken(ctx, "crm")
			if err != nil {
				t.Fatal(err)
			}
			if _, code := check(other, resonanz.ScopeIngest); code != "" {
				t.Fatalf("new ingest token: %s", code)
			}
			if err := db.RevokeAPIToken(ctx, shop.ID); err != nil {
				t.Fatal(err)
			}
			if _, code := check(secret, resonanz.ScopeIngest); code != resonanz.EUNAUTHORIZED {
				t.Fatalf("a token just revoked still works: %s", code)
			}
			if _, code := check(other, resonanz.ScopeIngest); code != "" {
				t.Fatalf("revoking one token ended another: %s", code)
			}
			now = t0.Add(time.Hour)
			if err := db.RevokeAPIToken(ctx, shop.ID); err != nil {
				t.Fatal(err)
			}
			if tok := findToken(t, db, shop.ID); !tok.RevokedAt.Equal(t0) || tok.State(now) != resonanz.TokenRevoked {
				t.Fatalf("revoking twice: %+v", tok)
			}
			if err := db.RevokeAPIToken(ctx, 999); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Fatalf("revoke unknown: %v", err)
			}
		})
		t.Run("List", func(t *testing.T) {
			list, err := db.FindAPITokens(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].Name != "crm" || list[1].ID != shop.ID ||
				!slices.Equal(list[1].Scopes, []string{resonanz.ScopeIngest, resonanz.ScopeRead}) || !list[1].ExpiresAt.Equal(shop.ExpiresAt) {
				t.Fatalf("list %+v %+v", list[0], list[len(list)-1])
			}
		})
	})
}

func findToken(t *testing.T, db *store.DB, id int64) *resonanz.APIToken {
	t.Helper()
	list, err := db.FindAPITokens(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range list {
		if tok.ID == id {
			return tok
		}
	}
	t.Fatalf("no token %d", id)
	return nil
}

// Two nodes share one database: a token revoked on one is refused on the
// other at the next request, however recently that node accepted it.
func TestRevokedOnEveryNode(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "resonanz.db")
	nodes := make([]*store.DB, 2)
	for i := range nodes {
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		nodes[i] = db
	}
	secret, err := nodes[0].CreateAPIToken(ctx, "shop")
	if err != nil {
		t.Fatal(err)
	}
	tok, err := nodes[1].CheckAPIToken(ctx, secret, resonanz.ScopeIngest)
	if err != nil {
		t.Fatal(err)
	}
	if err := nodes[0].RevokeAPIToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := nodes[1].CheckAPIToken(ctx, secret, resonanz.ScopeIngest); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
		t.Fatalf("the other node still accepts the revoked token: %v", err)
	}
}
