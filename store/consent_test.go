package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestConsent(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		anna := resonanz.Author{Handle: "@anna", DisplayName: "Anna", CustomerRef: "anna@example.org"}
		m1, m2 := msg("mastodon", "m1", "@anna", "Paket?", 0), msg("email", "e1", "anna@example.org", "Paket?", 1)
		m1.Author, m2.Author.CustomerRef = anna, anna.CustomerRef
		res := mustIngest(t, db, m1, m2)
		mastodon, email := res[0].ConversationID, res[1].ConversationID

		t.Run("ErrOptOutNeedsReason", func(t *testing.T) {
			err := db.SetConsent(ctx, mastodon, agent, resonanz.Consent{OptOut: true, Reason: "  "})
			if resonanz.ErrorField(err) != "reason" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrUnknownChannel", func(t *testing.T) {
			err := db.SetConsent(ctx, mastodon, agent, resonanz.Consent{OptOut: true, Reason: "x", Channels: []string{"fax"}})
			if resonanz.ErrorField(err) != "channels" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("OptOutOnOneChannelRefusesReplyThere", func(t *testing.T) {
			if err := db.SetConsent(ctx, mastodon, agent, resonanz.Consent{OptOut: true, Channels: []string{"mastodon"},
				Reason: "asked in a direct message"}); err != nil {
				t.Fatal(err)
			}
			_, err := db.Reply(ctx, mastodon, agent, "Wir schauen nach!", true)
			if resonanz.ErrorCode(err) != resonanz.EFORBIDDEN || !strings.Contains(resonanz.ErrorMessage(err), "does not want to be contacted on Mastodon") {
				t.Fatalf("reply to an opted-out contact: %v", err)
			}
			if _, err := db.Reply(ctx, email, agent, "Wir schauen nach!", false); err != nil {
				t.Fatalf("reply on a channel the wish does not cover: %v", err)
			}
			if n := outboxCount(t, db); n != 1 {
				t.Fatalf("%d outbox entries, want only the email reply", n)
			}
		})
		t.Run("ShownOnEveryConversationOfTheContact", func(t *testing.T) {
			tl, err := db.Timeline(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			c := tl.Contact.Consent
			if c == nil || !c.OptOut || c.SetBy != "User tom" || c.Reason != "asked in a direct message" || c.ConversationID != mastodon ||
				c.SetAt.IsZero() || len(c.Channels) != 1 {
				t.Fatalf("contact wish %+v", c)
			}
		})
		t.Run("AllChannelsThenAllowedAgain", func(t *testing.T) {
			if err := db.SetConsent(ctx, email, agent, resonanz.Consent{OptOut: true, Reason: "objection by letter"}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Reply(ctx, email, agent, "Hallo", false); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("reply after opt-out on all channels: %v", err)
			}
			if err := db.SetConsent(ctx, email, agent, resonanz.Consent{Reason: "customer wrote again"}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Reply(ctx, mastodon, agent, "Hallo", true); err != nil {
				t.Fatalf("reply after contact was allowed again: %v", err)
			}
		})
		t.Run("Audited", func(t *testing.T) {
			tl, err := db.Timeline(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			var trail []string
			for _, e := range tl.Audit {
				if e.Action == "consent" {
					trail = append(trail, e.UserName+" "+said(e.Kind, e.Params))
				}
			}
			want := "User tom consent.optout channels= reason=objection by letter|User tom consent.allowed channels= reason=customer wrote again"
			if got := strings.Join(trail, "|"); got != want {
				t.Fatalf("audit trail\n got %s\nwant %s", got, want)
			}
		})
	})
}

func outboxCount(t *testing.T, db *store.DB) int {
	t.Helper()
	items, err := store.Outbox(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return len(items)
}
