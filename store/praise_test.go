package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// labelled returns a customer message the analysis labelled kind.
func labelled(kind, extID, handle, text string, minutes int) resonanz.IncomingMessage {
	m := msg("mastodon", extID, handle, text, minutes)
	m.Analysis = resonanz.Analysis{Kind: kind, Topics: []string{"delivery"}}
	return m
}

func mustCollect(t *testing.T, db *store.DB) int {
	t.Helper()
	n, err := db.CollectVoice(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func notices(t *testing.T, db *store.DB, u *resonanz.User) []string {
	t.Helper()
	list, err := db.FindNotifications(context.Background(), u.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range list {
		out = append(out, n.Kind)
	}
	return out
}

func TestPraise(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		ann := &resonanz.User{Login: "ann", Name: "Annika Berg", Role: resonanz.RoleAgent}
		bo := &resonanz.User{Login: "bo", Name: "Bo Lind", Role: resonanz.RoleAgent}
		kai := &resonanz.User{Login: "kai", Name: "Kai Sommer", Role: resonanz.RoleAgent}
		for _, u := range []*resonanz.User{ann, bo, kai} {
			if err := db.CreateUser(ctx, u, "correct horse battery"); err != nil {
				t.Fatal(err)
			}
		}
		versand, _ := db.CreateTeam(ctx, "Versand")
		kasse, _ := db.CreateTeam(ctx, "Kasse")
		versand.Members, kasse.Members = []int64{ann.ID, bo.ID}, []int64{kai.ID}
		for _, team := range []*resonanz.Team{versand, kasse} {
			if err := db.SaveTeam(ctx, team); err != nil {
				t.Fatal(err)
			}
		}
		res := mustIngest(t, db,
			labelled(resonanz.KindPraise, "p1", "@eva", "Danke an annika, super Hilfe!", 0),
			labelled(resonanz.KindPraise, "p2", "@udo", "Bo hat mir toll geholfen, auch Kai Sommer war nett", 1),
			labelled(resonanz.KindPraise, "p3", "@ida", "Ihr seid klasse", 2),
			labelled(resonanz.KindQuestion, "q1", "@max", "Wo ist Annika?", 3))
		for _, r := range res {
			if err := db.UpdateConversation(ctx, r.ConversationID, lea, resonanz.ConversationUpdate{TeamID: &versand.ID}); err != nil {
				t.Fatal(err)
			}
		}
		if n := mustCollect(t, db); n != 3 {
			t.Fatalf("collected %d messages, want the 3 praising ones", n)
		}

		t.Run("WallListsTheTeamsPraiseNewestFirst", func(t *testing.T) {
			wall, err := db.PraiseWall(ctx, versand.ID, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range wall {
				got = append(got, p.Text+" → "+p.UserName)
			}
			want := []string{"Ihr seid klasse → ", "Bo hat mir toll geholfen, auch Kai Sommer war nett → ", "Danke an annika, super Hilfe! → Annika Berg"}
			if len(got) != len(want) {
				t.Fatalf("wall = %q, want %q", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("wall[%d] = %q, want %q", i, got[i], want[i])
				}
			}
			if wall[0].Customer != "Name of @ida" || wall[0].Channel != "mastodon" {
				t.Errorf("newest praise from %q on %q", wall[0].Customer, wall[0].Channel)
			}
		})
		t.Run("NamedPersonIsNotifiedOthersNot", func(t *testing.T) {
			// Annika is named in p1; p2 and p3 name nobody of the team, so the team hears of them.
			want := []string{resonanz.NotifyPraiseTeam, resonanz.NotifyPraiseTeam, resonanz.NotifyPraiseNamed}
			if got := notices(t, db, ann); !slices.Equal(got, want) {
				t.Errorf("Annika's notices = %q", got)
			}
			// Kai is named in p2 but is neither on the team nor its owner.
			if got := notices(t, db, kai); len(got) != 0 {
				t.Errorf("Kai got %q, but the conversation is not his team's", got)
			}
		})
		t.Run("ShortNamesNeverCount", func(t *testing.T) {
			p, err := db.FindPraise(ctx, res[1].MessageID)
			if err != nil {
				t.Fatal(err)
			}
			if p.UserID != 0 {
				t.Errorf("praise naming \"Bo\" went to %s; two letters are too short to be a name", p.UserName)
			}
		})
		t.Run("CollectingAgainTakesNothingTwice", func(t *testing.T) {
			if n := mustCollect(t, db); n != 0 {
				t.Errorf("collected %d again", n)
			}
		})
		t.Run("MarkByHandNamesAPersonAndIsAudited", func(t *testing.T) {
			if _, err := db.MarkPraise(ctx, res[3].MessageID, bo.ID, lea); err != nil {
				t.Fatal(err)
			}
			p, err := db.FindPraise(ctx, res[3].MessageID)
			if err != nil || p.UserName != "Bo Lind" || p.MarkedBy != "User lea" {
				t.Fatalf("praise = %+v, %v", p, err)
			}
			if got := auditText(t, db, res[3].ConversationID); !strings.Contains(got, "praise.marked.named user=Bo Lind") {
				t.Errorf("audit = %q", got)
			}
		})
		t.Run("ErrMarkForSomeoneOutsideTheConversation", func(t *testing.T) {
			_, err := db.MarkPraise(ctx, res[3].MessageID, kai.ID, lea)
			if resonanz.ErrorField(err) != "user" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("UnmarkTakesItOffTheWall", func(t *testing.T) {
			if err := db.UnmarkPraise(ctx, res[0].MessageID, lea); err != nil {
				t.Fatal(err)
			}
			wall, _ := db.PraiseWall(ctx, versand.ID, 10)
			for _, p := range wall {
				if p.MessageID == res[0].MessageID {
					t.Error("unmarked praise still on the wall")
				}
			}
			if _, err := db.FindPraise(ctx, res[0].MessageID); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Errorf("err = %v", err)
			}
		})
	})
}

// TestErasureTakesVoiceAlong: an erased customer's praise leaves the wall
// and their suggestion the board.
func TestErasureTakesVoiceAlong(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		ada := mustUser(t, db, "ada", resonanz.RoleAdmin)
		team, _ := db.CreateTeam(ctx, "Versand")
		res := mustIngest(t, db, labelled(resonanz.KindPraise, "p1", "@eva", "Ihr seid klasse", 0),
			labelled(resonanz.KindSuggestion, "s1", "@eva", "Bitte samstags liefern", 1))
		if err := db.UpdateConversation(ctx, res[0].ConversationID, ada, resonanz.ConversationUpdate{TeamID: &team.ID}); err != nil {
			t.Fatal(err)
		}
		mustCollect(t, db)
		c, err := db.FindConversationByID(ctx, res[0].ConversationID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ErasePerson(ctx, c.ContactID, ada); err != nil {
			t.Fatal(err)
		}
		wall, err := db.PraiseWall(ctx, team.ID, 10)
		if err != nil || len(wall) != 0 {
			t.Errorf("wall after the erasure: %d entries, %v", len(wall), err)
		}
		board, err := db.Suggestions(ctx, 0)
		if err != nil || len(board) != 0 {
			t.Errorf("board after the erasure: %d entries, %v", len(board), err)
		}
	})
}
