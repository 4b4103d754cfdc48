package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestUsers(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		u := mustUser(t, db, "Tom@Example.org", resonanz.RoleAgent)
		t.Run("ErrDuplicateLogin", func(t *testing.T) {
			err := db.CreateUser(ctx, &resonanz.User{Login: "tom@example.org", Role: resonanz.RoleAgent}, "correct horse battery")
			if resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrShortPassword", func(t *testing.T) {
			err := db.CreateUser(ctx, &resonanz.User{Login: "x", Role: resonanz.RoleAgent}, "short")
			if resonanz.ErrorField(err) != "password" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("Authenticate", func(t *testing.T) {
			if got, err := db.Authenticate(ctx, "tom@example.org", "correct horse battery"); err != nil || got.ID != u.ID {
				t.Fatalf("right password: %v, %v", got, err)
			}
			if _, err := db.Authenticate(ctx, "tom@example.org", "wrong password!"); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
				t.Fatalf("wrong password: %v", err)
			}
			if _, err := db.Authenticate(ctx, "nobody", "correct horse battery"); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
				t.Fatalf("unknown login: %v", err)
			}
		})
		t.Run("DisablingEndsSessionsAndLogins", func(t *testing.T) {
			token, csrf, err := db.CreateSession(ctx, u.ID, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if got, gotCSRF, err := db.FindSession(ctx, token); err != nil || got.ID != u.ID || gotCSRF != csrf {
				t.Fatalf("session: %v %q %v", got, gotCSRF, err)
			}
			if err := db.SetUserDisabled(ctx, u.Login, true); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.FindSession(ctx, token); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
				t.Fatalf("session of a disabled user: %v", err)
			}
			if _, err := db.Authenticate(ctx, u.Login, "correct horse battery"); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
				t.Fatalf("disabled user logged in: %v", err)
			}
		})
		t.Run("ErrDisablingTheLastAdmin", func(t *testing.T) {
			admin := mustUser(t, db, "ada", resonanz.RoleAdmin)
			if err := db.SetUserDisabled(ctx, admin.Login, true); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("disabling the only admin: %v, want a conflict", err)
			}
			if got, _ := db.FindUserByLogin(ctx, admin.Login); got == nil || got.Disabled {
				t.Fatalf("the only admin was disabled: %+v", got)
			}
		})
		t.Run("ExpiredSession", func(t *testing.T) {
			v := mustUser(t, db, "vera", resonanz.RoleLead)
			token, _, _ := db.CreateSession(ctx, v.ID, time.Minute)
			db.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
			defer func() { db.Now = time.Now }()
			if _, _, err := db.FindSession(ctx, token); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
				t.Fatalf("expired session: %v", err)
			}
		})
	})
}
