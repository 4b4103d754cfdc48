package store_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestSignatures(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		tom := mustUser(t, db, "tom", resonanz.RoleAgent)
		team, err := db.CreateTeam(ctx, "Lieferung")
		if err != nil {
			t.Fatal(err)
		}
		save := func(s resonanz.Signature) {
			t.Helper()
			if err := db.SaveSignature(ctx, &s); err != nil {
				t.Fatal(err)
			}
		}
		save(resonanz.Signature{UserID: tom.ID, Language: resonanz.LangGerman, Text: "Viele Grüße\r\nTom"})
		save(resonanz.Signature{UserID: tom.ID, Language: resonanz.LangEnglish, Text: "Best regards, Tom"})
		save(resonanz.Signature{TeamID: team.ID, Language: resonanz.LangGerman, Text: "Ihr Team Lieferung"})
		reply := func(teamID int64, lang string) string {
			t.Helper()
			s, err := db.ReplySignature(ctx, tom.ID, teamID, lang)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}

		t.Run("AgentsThenTeams", func(t *testing.T) {
			if got := reply(team.ID, resonanz.LangGerman); got != "Viele Grüße\nTom\nIhr Team Lieferung" {
				t.Fatalf("got %q", got)
			}
		})
		t.Run("OnlyTheLanguage", func(t *testing.T) {
			if got := reply(team.ID, resonanz.LangEnglish); got != "Best regards, Tom" {
				t.Fatalf("got %q", got)
			}
		})
		t.Run("NoTeam", func(t *testing.T) {
			if got := reply(0, resonanz.LangGerman); got != "Viele Grüße\nTom" {
				t.Fatalf("got %q", got)
			}
		})
		t.Run("ReplaceAndRemove", func(t *testing.T) {
			save(resonanz.Signature{UserID: tom.ID, Language: resonanz.LangGerman, Text: "Gruß, Tom"})
			save(resonanz.Signature{TeamID: team.ID, Language: resonanz.LangGerman, Text: ""})
			if got := reply(team.ID, resonanz.LangGerman); got != "Gruß, Tom" {
				t.Fatalf("got %q", got)
			}
			mine, err := db.UserSignatures(ctx, tom.ID)
			if err != nil || len(mine) != 2 {
				t.Fatalf("tom's signatures: %v, %v", mine, err)
			}
			teams, err := db.TeamSignatures(ctx)
			if err != nil || len(teams) != 0 {
				t.Fatalf("team signatures: %v, %v", teams, err)
			}
		})
		t.Run("ErrBothOwners", func(t *testing.T) {
			err := db.SaveSignature(ctx, &resonanz.Signature{UserID: tom.ID, TeamID: team.ID, Language: "de", Text: "x"})
			if resonanz.ErrorField(err) != "owner" {
				t.Fatalf("err = %v", err)
			}
		})
	})
}
