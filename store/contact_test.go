package store_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestContacts(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		onMastodon := msg("mastodon", "srv/1", "@anna@social.example", "Paket fehlt", 0)
		byAPI := msg("email", "e1", "anna@social.example", "Paket fehlt immer noch", 10)
		byAPI.Visibility = resonanz.Private
		other := msg("forum", "f1", "ben", "Hallo", 0)
		res := mustIngest(t, db, onMastodon, byAPI, other)
		anna := contactOf(t, db, res[0].ConversationID)
		annaMail := contactOf(t, db, res[1].ConversationID)
		if anna == annaMail {
			t.Fatal("two handles became one person without anybody linking them")
		}
		t.Run("SuggestsTheSameHandle", func(t *testing.T) {
			p, err := db.ContactPage(ctx, anna)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Suggestions) != 1 || p.Suggestions[0].Contact.ID != annaMail || p.Suggestions[0].Reason != "same_handle" {
				t.Fatalf("suggestions %+v", p.Suggestions)
			}
		})
		t.Run("LinkShowsOnePerson", func(t *testing.T) {
			if err := db.LinkContacts(ctx, anna, annaMail, agent); err != nil {
				t.Fatal(err)
			}
			p, err := db.ContactPage(ctx, anna)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Contact.Identities) != 2 || len(p.Conversations) != 2 || len(p.Messages) != 2 || len(p.Suggestions) != 0 {
				t.Fatalf("after linking: %d handles, %d conversations, %d messages, %d suggestions",
					len(p.Contact.Identities), len(p.Conversations), len(p.Messages), len(p.Suggestions))
			}
			if len(p.Audit) != 1 || p.Audit[0].Action != "link" || p.Audit[0].UserName != agent.Name {
				t.Fatalf("audit %+v", p.Audit)
			}
			// A new message on the linked handle belongs to the person.
			again := msg("email", "e2", "anna@social.example", "Noch da?", 20)
			if got := contactOf(t, db, mustIngest(t, db, again)[0].ConversationID); got != anna {
				t.Fatalf("a new message went to contact %d, want %d", got, anna)
			}
			if err := db.LinkContacts(ctx, anna, annaMail, agent); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Fatalf("linking a merged contact again: %v", err)
			}
		})
		t.Run("UnlinkGivesTheHandleBack", func(t *testing.T) {
			newID, err := db.UnlinkHandle(ctx, anna, "email", "anna@social.example", agent)
			if err != nil {
				t.Fatal(err)
			}
			if got := contactOf(t, db, res[1].ConversationID); got != newID {
				t.Fatalf("the email conversation stays with contact %d, want %d", got, newID)
			}
			if _, err := db.UnlinkHandle(ctx, anna, "mastodon", "@anna@social.example", agent); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("unlinking the only handle: %v", err)
			}
		})
		t.Run("AgentsSeeOnlyContactsOfTheirConversations", func(t *testing.T) {
			ok, err := db.CanSeeContact(ctx, agent, contactOf(t, db, res[2].ConversationID))
			if err != nil {
				t.Fatal(err)
			}
			lead := mustUser(t, db, "lea", resonanz.RoleLead)
			okLead, _ := db.CanSeeContact(ctx, lead, contactOf(t, db, res[2].ConversationID))
			missing, _ := db.CanSeeContact(ctx, lead, 99999)
			if !okLead || missing {
				t.Fatalf("lead sees contact: %v, unknown contact: %v", okLead, missing)
			}
			_ = ok // without teams an agent sees unassigned conversations (see visibility rules)
		})
	})
}

func contactOf(t *testing.T, db *store.DB, conversationID int64) int64 {
	t.Helper()
	c, err := db.FindConversationByID(context.Background(), conversationID)
	if err != nil {
		t.Fatal(err)
	}
	return c.ContactID
}
