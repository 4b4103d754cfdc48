package store_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestCannedReplies(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lead := mustUser(t, db, "lea", resonanz.RoleLead)
		delivery, err := db.CreateTeam(ctx, "Lieferung")
		if err != nil {
			t.Fatal(err)
		}
		billing, err := db.CreateTeam(ctx, "Rechnung")
		if err != nil {
			t.Fatal(err)
		}
		save := func(title string, team int64, lang string) *resonanz.CannedReply {
			t.Helper()
			c := &resonanz.CannedReply{Title: title, Text: "Hallo {name}", TeamID: team, Language: lang}
			if err := db.SaveCannedReply(ctx, c, lead); err != nil {
				t.Fatal(err)
			}
			return c
		}
		save("Lieferverzug", delivery.ID, resonanz.LangGerman)
		save("Doppelte Rechnung", billing.ID, resonanz.LangGerman)
		greeting := save("Begrüßung", 0, resonanz.LangGerman)
		save("Welcome", 0, resonanz.LangEnglish)
		titles := func(f resonanz.CannedFilter) (list []string) {
			t.Helper()
			found, err := db.FindCannedReplies(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range found {
				list = append(list, c.Title)
			}
			return list
		}

		t.Run("OwnTeamAndEveryTeamInTheLanguage", func(t *testing.T) {
			got := titles(resonanz.CannedFilter{TeamIDs: []int64{delivery.ID}, Language: resonanz.LangGerman})
			if len(got) != 2 || got[0] != "Begrüßung" || got[1] != "Lieferverzug" {
				t.Fatalf("got %q", got)
			}
		})
		t.Run("AllTeamsEveryLanguage", func(t *testing.T) {
			if got := titles(resonanz.CannedFilter{AllTeams: true}); len(got) != 4 {
				t.Fatalf("got %q", got)
			}
		})
		t.Run("Change", func(t *testing.T) {
			greeting.Title, greeting.Language = "Greeting", resonanz.LangEnglish
			if err := db.SaveCannedReply(ctx, greeting, lead); err != nil {
				t.Fatal(err)
			}
			got := titles(resonanz.CannedFilter{Language: resonanz.LangEnglish})
			if len(got) != 2 || got[0] != "Greeting" {
				t.Fatalf("got %q", got)
			}
		})
		t.Run("ErrUnknownTeam", func(t *testing.T) {
			err := db.SaveCannedReply(ctx, &resonanz.CannedReply{Title: "x", Text: "y", TeamID: 999, Language: "de"}, lead)
			if resonanz.ErrorField(err) != "team" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrNoLanguage", func(t *testing.T) {
			err := db.SaveCannedReply(ctx, &resonanz.CannedReply{Title: "x", Text: "y"}, lead)
			if resonanz.ErrorField(err) != "language" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("Delete", func(t *testing.T) {
			if err := db.DeleteCannedReply(ctx, greeting.ID); err != nil {
				t.Fatal(err)
			}
			if got := titles(resonanz.CannedFilter{AllTeams: true}); len(got) != 3 {
				t.Fatalf("got %q", got)
			}
		})
		t.Run("HelpCenterLink", func(t *testing.T) {
			if link, err := db.HelpCenterLink(ctx); err != nil || link != "" {
				t.Fatalf("before: %q, %v", link, err)
			}
			if err := db.SetHelpCenterLink(ctx, "javascript:alert(1)", lead); resonanz.ErrorField(err) != "help" {
				t.Fatalf("a script link: %v", err)
			}
			if err := db.SetHelpCenterLink(ctx, " https://hilfe.example.org/lieferung ", lead); err != nil {
				t.Fatal(err)
			}
			if link, err := db.HelpCenterLink(ctx); err != nil || link != "https://hilfe.example.org/lieferung" {
				t.Fatalf("after: %q, %v", link, err)
			}
		})
	})
}
