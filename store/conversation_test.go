package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestFindConversations(t *testing.T) {
	ctx := context.Background()
	t.Run("PagesCoverAllNewestFirst", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			var batch []resonanz.IncomingMessage
			for i := 0; i < 23; i++ {
				// Pairs of equal times check that the cursor breaks ties by id.
				batch = append(batch, msg("mastodon", fmt.Sprint("m", i), fmt.Sprint("@c", i), "Hallo", i/2))
			}
			mustIngest(t, db, batch...)
			var seen []int64
			f := resonanz.ConversationFilter{Limit: 5}
			for pages := 0; ; pages++ {
				page, err := db.FindConversations(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range page.Conversations {
					if n := len(seen); n > 0 {
						prev, _ := db.FindConversationByID(ctx, seen[n-1])
						if c.LastMessageAt.After(prev.LastMessageAt) {
							t.Fatalf("conversation %d is newer than %d before it", c.ID, prev.ID)
						}
					}
					seen = append(seen, c.ID)
				}
				if page.Next == nil {
					break
				}
				f.After = page.Next
			}
			if len(seen) != 23 || len(uniq(seen)) != 23 {
				t.Fatalf("paging showed %d conversations (%d distinct), want 23", len(seen), len(uniq(seen)))
			}
		})
	})
	t.Run("Filters", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			agent := mustUser(t, db, "tom", resonanz.RoleAgent)
			team, err := db.CreateTeam(ctx, "Versand")
			if err != nil {
				t.Fatal(err)
			}
			res := mustIngest(t, db, msg("mastodon", "m1", "@a", "eins", 0), msg("email", "e1", "b@example.org", "zwei", 1),
				msg("review", "r1", "c", "drei", 2))
			waiting := resonanz.StatusWaiting
			if err := db.UpdateConversation(ctx, res[1].ConversationID, agent,
				resonanz.ConversationUpdate{Status: &waiting, TeamID: &team.ID, OwnerID: &agent.ID}); err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				name string
				f    resonanz.ConversationFilter
				want []int64
			}{
				{"All", resonanz.ConversationFilter{}, []int64{res[2].ConversationID, res[1].ConversationID, res[0].ConversationID}},
				{"Status", resonanz.ConversationFilter{Status: resonanz.StatusWaiting}, []int64{res[1].ConversationID}},
				{"Channel", resonanz.ConversationFilter{Channel: "review"}, []int64{res[2].ConversationID}},
				{"Team", resonanz.ConversationFilter{TeamID: team.ID}, []int64{res[1].ConversationID}},
				{"Owner", resonanz.ConversationFilter{OwnerID: agent.ID}, []int64{res[1].ConversationID}},
				{"Unassigned", resonanz.ConversationFilter{Unassigned: true}, []int64{res[2].ConversationID, res[0].ConversationID}},
				{"Combined", resonanz.ConversationFilter{Status: resonanz.StatusOpen, Channel: "email"}, nil},
			} {
				t.Run(tc.name, func(t *testing.T) {
					if got := inboxIDs(t, db, tc.f); fmt.Sprint(got) != fmt.Sprint(tc.want) {
						t.Fatalf("got %v, want %v", got, tc.want)
					}
				})
			}
		})
	})
}

func TestUpdateConversation(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lead := mustUser(t, db, "lea", resonanz.RoleLead)
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		id := mustIngest(t, db, msg("email", "e1", "kunde@example.org", "Rechnung falsch", 0))[0].ConversationID
		t.Run("EveryChangeIsAudited", func(t *testing.T) {
			solved := resonanz.StatusSolved
			if err := db.UpdateConversation(ctx, id, lead, resonanz.ConversationUpdate{OwnerID: &agent.ID, Status: &solved}); err != nil {
				t.Fatal(err)
			}
			if err := db.AddNote(ctx, id, agent, "Gutschrift veranlasst"); err != nil {
				t.Fatal(err)
			}
			tl, err := db.Timeline(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var trail []string
			for _, e := range tl.Audit {
				trail = append(trail, e.UserName+" "+said(e.Kind, e.Params))
			}
			want := "User lea status from=open to=solved|User lea assign owner=User tom|User tom note text=Gutschrift veranlasst"
			if got := strings.Join(trail, "|"); got != want {
				t.Fatalf("audit trail\n got %s\nwant %s", got, want)
			}
			if tl.Conversation.OwnerName != "User tom" || tl.Conversation.Status != resonanz.StatusSolved {
				t.Fatalf("conversation %+v", tl.Conversation)
			}
		})
		t.Run("ErrInvalidStatus", func(t *testing.T) {
			bad := "deleted"
			err := db.UpdateConversation(ctx, id, lead, resonanz.ConversationUpdate{Status: &bad})
			if resonanz.ErrorCode(err) != resonanz.EINVALID || resonanz.ErrorField(err) != "status" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrUnknownTeamChangesNothing", func(t *testing.T) {
			closed, team := resonanz.StatusClosed, int64(999)
			err := db.UpdateConversation(ctx, id, lead, resonanz.ConversationUpdate{Status: &closed, TeamID: &team})
			if resonanz.ErrorCode(err) != resonanz.EINVALID {
				t.Fatalf("err = %v", err)
			}
			c, _ := db.FindConversationByID(ctx, id)
			if c.Status != resonanz.StatusSolved {
				t.Fatalf("status changed to %q by a failed update", c.Status)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			if err := db.AddNote(ctx, 4242, agent, "x"); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
	})
}

func TestReply(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		res := mustIngest(t, db, msg("mastodon", "m1", "@anna", "Paket?", 0), msg("email", "e1", "anna@example.org", "Paket?", 0))
		t.Run("PublicOnMastodon", func(t *testing.T) {
			item, err := db.Reply(ctx, res[0].ConversationID, agent, "Wir schauen nach!", true)
			if err != nil {
				t.Fatal(err)
			}
			// Came in through the API: no account can send it, and the agent sees why.
			if item.State != resonanz.OutboxHeld || item.LastError != "no_account" || item.Visibility != resonanz.Public || item.Channel != "mastodon" {
				t.Fatalf("outbox item %+v", item)
			}
			c, _ := db.FindConversationByID(ctx, res[0].ConversationID)
			if c.Status != resonanz.StatusWaiting {
				t.Fatalf("status %q after reply, want waiting", c.Status)
			}
		})
		t.Run("EmailCannotBePublic", func(t *testing.T) {
			item, err := db.Reply(ctx, res[1].ConversationID, agent, "Antwort", true)
			if err != nil {
				t.Fatal(err)
			}
			if item.Visibility != resonanz.Private {
				t.Fatalf("email reply visibility %q, want private", item.Visibility)
			}
		})
		t.Run("ErrEmptyText", func(t *testing.T) {
			_, err := db.Reply(ctx, res[1].ConversationID, agent, "   ", false)
			if resonanz.ErrorCode(err) != resonanz.EINVALID {
				t.Fatalf("err = %v", err)
			}
		})
	})
}

func TestSearchMessages(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		mustIngest(t, db, msg("email", "e1", "a@example.org", "Zwei Rechnungen für eine Bestellung!", 0),
			msg("email", "e2", "b@example.org", "Where are my deliveries?", 1),
			msg("email", "e3", "c@example.org", "Alles bestens", 2))
		for _, tc := range []struct{ query, want string }{
			{"Rechnung", "e1"}, {"rechnungen", "e1"}, {"delivery", "e2"}, {"bestellung rechnung", "e1"}, {"Kündigung", ""},
		} {
			hits, err := db.SearchMessages(ctx, tc.query, 10, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got string
			for _, h := range hits {
				got += h.Message.ExternalID
			}
			if got != tc.want {
				t.Errorf("search %q found %q, want %q", tc.query, got, tc.want)
			}
		}
	})
}

func uniq(ids []int64) map[int64]bool {
	m := map[int64]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// A reply longer than the channel allows is refused before it is queued.
func TestReplyTooLongForTheChannel(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		res := mustIngest(t, db, msg("mastodon", "m1", "@anna", "Paket?", 0))
		_, err := db.Reply(ctx, res[0].ConversationID, agent, strings.Repeat("Wir kümmern uns. ", 66), true)
		if resonanz.ErrorField(err) != "text" || !strings.Contains(resonanz.ErrorMessage(err), "500") {
			t.Fatalf("a 1,122-character Mastodon reply: %v", err)
		}
		// Mastodon replies begin with the mention "@anna ": 494 characters are left.
		if _, err := db.Reply(ctx, res[0].ConversationID, agent, strings.Repeat("x", 495), true); resonanz.ErrorField(err) != "text" {
			t.Fatalf("a reply of 495 characters and the mention: %v", err)
		}
		if _, err := db.Reply(ctx, res[0].ConversationID, agent, strings.Repeat("x", 494), true); err != nil {
			t.Fatalf("a reply of 494 characters and the mention: %v", err)
		}
	})
}
