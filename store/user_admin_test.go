package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestUserAdmin(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		ada := mustUser(t, db, "ada", resonanz.RoleAdmin)
		team, err := db.CreateTeam(ctx, "Lieferung")
		if err != nil {
			t.Fatal(err)
		}
		u := &resonanz.User{Login: "Neu@Example.org", Name: "Nina Neu", Role: resonanz.RoleAgent}
		password, err := db.InviteUser(ctx, u, []int64{team.ID})
		if err != nil {
			t.Fatal(err)
		}

		t.Run("OneTimePasswordMustBeChanged", func(t *testing.T) {
			if _, err := db.Authenticate(ctx, "neu@example.org", password); err != nil {
				t.Fatalf("the one-time password does not work: %v", err)
			}
			token, _, _ := db.CreateSession(ctx, u.ID, time.Hour)
			got, _, err := db.FindSession(ctx, token)
			if err != nil || !got.MustChangePassword {
				t.Fatalf("session user %+v, %v: want MustChangePassword", got, err)
			}
			if err := db.ChangeOwnPassword(ctx, u.ID, "wrong", "a new long password"); resonanz.ErrorField(err) != "current" {
				t.Fatalf("wrong current password: %v", err)
			}
			if err := db.ChangeOwnPassword(ctx, u.ID, password, "a new long password"); err != nil {
				t.Fatal(err)
			}
			if got, _, _ := db.FindSession(ctx, token); got.MustChangePassword {
				t.Fatal("still must change the password")
			}
			if _, err := db.Authenticate(ctx, u.Login, password); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
				t.Fatalf("the one-time password still works: %v", err)
			}
		})
		t.Run("InTheTeam", func(t *testing.T) {
			teams, _ := db.FindTeams(ctx)
			if len(teams) != 1 || len(teams[0].Members) != 1 || teams[0].Members[0] != u.ID {
				t.Fatalf("teams %+v", teams[0])
			}
			none := []int64{}
			if err := db.ChangeUser(ctx, u.ID, resonanz.UserChange{TeamIDs: &none}); err != nil {
				t.Fatal(err)
			}
			if teams, _ := db.FindTeams(ctx); len(teams[0].Members) != 0 {
				t.Fatalf("members after leaving: %v", teams[0].Members)
			}
		})
		t.Run("ResetEndsSessions", func(t *testing.T) {
			token, _, _ := db.CreateSession(ctx, u.ID, time.Hour)
			fresh, err := db.ResetPassword(ctx, u.ID)
			if err != nil || fresh == password {
				t.Fatalf("reset: %q, %v", fresh, err)
			}
			if _, _, err := db.FindSession(ctx, token); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
				t.Fatalf("session after reset: %v", err)
			}
			if _, err := db.Authenticate(ctx, u.Login, fresh); err != nil {
				t.Fatalf("new one-time password: %v", err)
			}
		})
		t.Run("ErrLastAdmin", func(t *testing.T) {
			lead, off := resonanz.RoleLead, true
			if err := db.ChangeUser(ctx, ada.ID, resonanz.UserChange{Role: &lead}); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("demoting the last admin: %v", err)
			}
			if err := db.ChangeUser(ctx, ada.ID, resonanz.UserChange{Disabled: &off}); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("disabling the last admin: %v", err)
			}
			if got, _ := db.FindUserByID(ctx, ada.ID); got.Role != resonanz.RoleAdmin || got.Disabled {
				t.Fatalf("ada is now %+v", got)
			}
			admin := resonanz.RoleAdmin
			if err := db.ChangeUser(ctx, u.ID, resonanz.UserChange{Role: &admin}); err != nil {
				t.Fatal(err)
			}
			if err := db.ChangeUser(ctx, ada.ID, resonanz.UserChange{Disabled: &off}); err != nil {
				t.Fatalf("disabling one of two admins: %v", err)
			}
		})
	})
}
