package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestReleaseHeldReplies(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		admin := mustUser(t, db, "ada", resonanz.RoleAdmin)
		form := &resonanz.ChannelAccount{Kind: "form", Name: "Kontakt", Settings: map[string]string{"slug": "kontakt"}}
		if err := db.CreateChannelAccount(ctx, form); err != nil {
			t.Fatal(err)
		}
		kim, ben := msg("form", "form:1", "kim@example.org", "Wann öffnen Sie?", 0), msg("form", "form:2", "ben@example.org", "Rückruf bitte", 1)
		kim.AccountID, ben.AccountID = form.ID, form.ID
		kim.Visibility, ben.Visibility = resonanz.Private, resonanz.Private
		res := mustIngest(t, db, kim, ben)
		p := &platform{outcomes: []error{resonanz.Held(resonanz.HeldNoEmail), resonanz.Held(resonanz.HeldNoEmail)}}
		startJobs(t, db, workers{replies: p, backoff: fast})
		var items []*resonanz.OutboxItem
		for _, r := range res {
			item, err := db.Reply(ctx, r.ConversationID, agent, "Gern!", false)
			if err != nil {
				t.Fatal(err)
			}
			waitOutbox(t, db, item.ID, resonanz.OutboxHeld)
			items = append(items, item)
		}
		// Ben says no to every message, even answers, before the email account
		// comes ("do not contact" would still let this direct answer through).
		if err := db.RecordWish(ctx, res[1].ConversationID, agent, resonanz.Wish{Purpose: resonanz.PurposeService, State: resonanz.WishDenied, Reason: "per Telefon"}); err != nil {
			t.Fatal(err)
		}

		n, err := db.ReleaseHeldReplies(ctx, resonanz.HeldNoEmail, admin)
		if err != nil || n != 1 {
			t.Fatalf("released %d, %v; want 1", n, err)
		}
		waitOutbox(t, db, items[0].ID, resonanz.OutboxSent)
		if got, _ := db.FindOutboxItem(ctx, items[1].ID); got.State != resonanz.OutboxHeld || got.LastError != resonanz.HeldConsent {
			t.Fatalf("the reply to a customer who opted out is %s (%s), want held for their wish", got.State, got.LastError)
		}
		if trail := auditText(t, db, res[0].ConversationID); !strings.Contains(trail, "User ada release reply") {
			t.Fatalf("the release is not audited:\n%s", trail)
		}
		if n, err := db.ReleaseHeldReplies(ctx, resonanz.HeldNoEmail, admin); err != nil || n != 0 {
			t.Fatalf("a second release queued %d, %v", n, err)
		}
	})
}
