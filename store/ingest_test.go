package store_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestIngest(t *testing.T) {
	ctx := context.Background()
	t.Run("RedeliveryNeverDoubles", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			first := mustIngest(t, db, msg("mastodon", "m1", "@anna", "Wo bleibt mein Paket?", 0))[0]
			again := mustIngest(t, db, msg("mastodon", "m1", "@anna", "Wo bleibt mein Paket?", 0))[0]
			if first.Duplicate || !again.Duplicate || again.MessageID != first.MessageID || again.ConversationID != first.ConversationID {
				t.Fatalf("first %+v, again %+v", first, again)
			}
			tl, err := db.Timeline(ctx, first.ConversationID)
			if err != nil {
				t.Fatal(err)
			}
			if len(tl.Entries) != 1 {
				t.Fatalf("timeline has %d entries, want 1", len(tl.Entries))
			}
		})
	})
	t.Run("DuplicateInsideOneBatch", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			res := mustIngest(t, db, msg("email", "e1", "a@example.org", "Hallo", 0), msg("email", "e1", "a@example.org", "Hallo", 0))
			if res[0].Duplicate || !res[1].Duplicate || res[0].MessageID != res[1].MessageID {
				t.Fatalf("results %+v", res)
			}
		})
	})
	t.Run("SameCustomerSameChannelJoinsOpenConversation", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			res := mustIngest(t, db, msg("mastodon", "m1", "@anna", "Paket fehlt", 0), msg("mastodon", "m2", "@anna", "Immer noch nichts!", 30),
				msg("mastodon", "m3", "@ben", "Tolles Team", 31))
			if res[0].ConversationID != res[1].ConversationID {
				t.Fatalf("second message opened conversation %d, want %d", res[1].ConversationID, res[0].ConversationID)
			}
			if res[2].ConversationID == res[0].ConversationID {
				t.Fatal("another customer joined anna's conversation")
			}
			c, err := db.FindConversationByID(ctx, res[0].ConversationID)
			if err != nil {
				t.Fatal(err)
			}
			if c.Preview != "Immer noch nichts!" || !c.LastMessageAt.Equal(t0.Add(30*60e9)) {
				t.Fatalf("conversation shows %q at %v, want the latest message", c.Preview, c.LastMessageAt)
			}
		})
	})
	t.Run("SolvedConversationIsNotJoinedButReplyReopensIt", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			agent := mustUser(t, db, "tom", resonanz.RoleAgent)
			first := mustIngest(t, db, msg("forum", "f1", "kai", "Frage zur Rechnung", 0))[0]
			solved := resonanz.StatusSolved
			if err := db.UpdateConversation(ctx, first.ConversationID, agent, resonanz.ConversationUpdate{Status: &solved}); err != nil {
				t.Fatal(err)
			}
			fresh := mustIngest(t, db, msg("forum", "f2", "kai", "Neues Thema", 60))[0]
			if fresh.ConversationID == first.ConversationID {
				t.Fatal("a new message joined a solved conversation")
			}
			reply := msg("forum", "f3", "kai", "Doch noch eine Frage dazu", 90)
			reply.ReplyTo = "f1"
			got := mustIngest(t, db, reply)[0]
			if got.ConversationID != first.ConversationID {
				t.Fatalf("reply went to %d, want %d", got.ConversationID, first.ConversationID)
			}
			c, _ := db.FindConversationByID(ctx, first.ConversationID)
			if c.Status != resonanz.StatusOpen {
				t.Fatalf("status %q after the customer's reply, want open", c.Status)
			}
		})
	})
	t.Run("CustomerRefJoinsIdentitiesIntoOneTimeline", func(t *testing.T) {
		contract(t, func(t *testing.T, db *store.DB) {
			a := msg("mastodon", "m1", "@lena", "Mein Paket ist beschädigt", 0)
			b := msg("email", "e1", "lena@example.org", "Fotos vom Paket anbei", 10)
			a.Author.CustomerRef, b.Author.CustomerRef = "cust-1", "cust-1"
			res := mustIngest(t, db, a, b)
			if res[0].ConversationID == res[1].ConversationID {
				t.Fatal("two channels share one conversation; want one per channel")
			}
			tl, err := db.Timeline(ctx, res[1].ConversationID)
			if err != nil {
				t.Fatal(err)
			}
			if len(tl.Contact.Identities) != 2 || len(tl.Entries) != 2 {
				t.Fatalf("contact has %d identities and %d timeline entries, want 2 and 2", len(tl.Contact.Identities), len(tl.Entries))
			}
			if tl.Entries[0].Message.Channel != "mastodon" || tl.Entries[0].InConversation || !tl.Entries[1].InConversation {
				t.Fatalf("timeline order or membership wrong: %+v", tl.Entries)
			}
		})
	})
}
