package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// trail returns the audit entries of a conversation whose kind starts with
// prefix, as "user kind params".
func trail(t *testing.T, db *store.DB, conversationID int64, prefix string) []string {
	t.Helper()
	tl, err := db.Timeline(context.Background(), conversationID)
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	for _, e := range tl.Audit {
		if strings.HasPrefix(e.Kind, prefix) {
			list = append(list, e.UserName+" "+said(e.Kind, e.Params))
		}
	}
	return list
}

func TestWishes(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		anna := resonanz.Author{Handle: "@anna", DisplayName: "Anna", CustomerRef: "anna@example.org"}
		m1, m2 := msg("mastodon", "m1", "@anna", "Paket?", 0), msg("email", "e1", "anna@example.org", "Paket?", 1)
		m1.Author, m2.Author.CustomerRef = anna, anna.CustomerRef
		res := mustIngest(t, db, m1, m2)
		mastodon, email := res[0].ConversationID, res[1].ConversationID
		record := func(conversationID int64, w resonanz.Wish) {
			t.Helper()
			if err := db.RecordWish(ctx, conversationID, agent, w); err != nil {
				t.Fatal(err)
			}
		}

		t.Run("ErrInvalidWishes", func(t *testing.T) {
			for field, w := range map[string]resonanz.Wish{
				"reason":  {Purpose: resonanz.PurposeContact, State: resonanz.WishDenied, Reason: "  "},
				"channel": {Purpose: resonanz.PurposeService, Channel: "fax", State: resonanz.WishDenied, Reason: "x"},
				"purpose": {Purpose: "calls", State: resonanz.WishDenied, Reason: "x"},
				"state":   {Purpose: resonanz.PurposeNews, State: "maybe", Reason: "x"},
			} {
				if err := db.RecordWish(ctx, mastodon, agent, w); resonanz.ErrorField(err) != field {
					t.Errorf("%+v: %v, want a problem with %s", w, err, field)
				}
			}
			// "Do not contact" holds everywhere; form replies go by email, so wishes name email.
			if err := db.RecordWish(ctx, mastodon, agent, resonanz.Wish{Purpose: resonanz.PurposeContact, Channel: "email",
				State: resonanz.WishDenied, Reason: "x"}); resonanz.ErrorField(err) != "channel" {
				t.Errorf("do not contact on one channel: %v", err)
			}
			if err := db.RecordWish(ctx, mastodon, agent, resonanz.Wish{Purpose: resonanz.PurposeService, Channel: "form",
				State: resonanz.WishDenied, Reason: "x"}); resonanz.ErrorField(err) != "channel" {
				t.Errorf("a wish about the form channel: %v", err)
			}
		})
		t.Run("NoServiceOnOneChannelRefusesEvenADirectAnswerThere", func(t *testing.T) {
			record(mastodon, resonanz.Wish{Purpose: resonanz.PurposeService, Channel: "mastodon", State: resonanz.WishDenied,
				Reason: "asked in a direct message", Wording: "Bitte nicht über Mastodon antworten."})
			_, err := db.Reply(ctx, mastodon, agent, "Wir schauen nach!", true)
			if resonanz.ErrorCode(err) != resonanz.EFORBIDDEN || !strings.Contains(resonanz.ErrorMessage(err), "contact wishes of Anna") {
				t.Fatalf("reply against a wish: %v", err)
			}
			if _, err := db.Reply(ctx, email, agent, "Wir schauen nach!", false); err != nil {
				t.Fatalf("reply on a channel the wish does not cover: %v", err)
			}
			if n := outboxCount(t, db); n != 1 {
				t.Fatalf("%d outbox entries, want only the email reply", n)
			}
			got := strings.Join(trail(t, db, mastodon, "send."), "|")
			if !strings.Contains(got, "User tom send.blocked channel=mastodon kind=reply purpose=service rule=denied_on since=") {
				t.Fatalf("the refusal is not in the trail: %s", got)
			}
			got = strings.Join(trail(t, db, email, "send."), "|")
			if !strings.Contains(got, "User tom send.allowed channel=email kind=reply outbox=") || !strings.Contains(got, "rule=direct") {
				t.Fatalf("the decision that let the email leave is not in the trail: %s", got)
			}
		})
		t.Run("ShownOnEveryConversationOfTheContact", func(t *testing.T) {
			tl, err := db.Timeline(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			w := tl.Contact.Wishes.Get(resonanz.PurposeService, "mastodon")
			if w == nil || w.State != resonanz.WishDenied || w.SetBy != "User tom" || w.Reason != "asked in a direct message" ||
				w.Wording != "Bitte nicht über Mastodon antworten." || w.Source != resonanz.SourceAgent || w.ConversationID != mastodon || w.SetAt.IsZero() {
				t.Fatalf("wish %+v", w)
			}
		})
		t.Run("DoNotContactLetsOnlyADirectAnswerThrough", func(t *testing.T) {
			record(email, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied, Reason: "objection by letter"})
			// The customer's email was answered above: another message is no answer.
			if _, err := db.Reply(ctx, email, agent, "Noch etwas", false); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("a second message after do-not-contact: %v", err)
			}
			again := msg("email", "e2", "anna@example.org", "Und nun?", 30)
			again.Author.CustomerRef, again.ReplyTo = anna.CustomerRef, "e1"
			if got := mustIngest(t, db, again); got[0].ConversationID != email {
				t.Fatalf("the customer's second email went to %d", got[0].ConversationID)
			}
			item, err := db.Reply(ctx, email, agent, "Ihr Paket kommt morgen.", false)
			if err != nil || item.Consent != resonanz.DecisionDirect {
				t.Fatalf("a direct answer to the customer's own message: %+v, %v", item, err)
			}
			if _, err := db.Reply(ctx, email, agent, "Und noch ein Gutschein!", false); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("a second reply is no direct answer: %v", err)
			}
			if _, err := db.SendNotice(ctx, email, agent, resonanz.PurposeService, "Ihr Paket wurde versandt."); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("a notice to someone who does not want to be contacted: %v", err)
			}
			ds, err := db.ConsentDecisions(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range []string{"false dnc", "false dnc", "false dnc"} {
				if got := decisionText(ds[i]); got != want {
					t.Errorf("decision %s: %s, want %s", ds[i].Purpose, got, want)
				}
			}
		})
		t.Run("ContactAllowedAgain", func(t *testing.T) {
			record(email, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishAllowed, Reason: "customer wrote again"})
			if _, err := db.SendNotice(ctx, email, agent, resonanz.PurposeService, "Ihr Paket wurde versandt."); err != nil {
				t.Fatalf("a notice after contact was allowed again: %v", err)
			}
			got := strings.Join(trail(t, db, email, "wish"), "|")
			want := "User tom wish.dnc reason=objection by letter source=agent state=denied wording=|" +
				"User tom wish.dnc reason=customer wrote again source=agent state=allowed wording="
			if got != want {
				t.Fatalf("audit trail\n got %s\nwant %s", got, want)
			}
		})
		t.Run("NewsOnlyWithAYes", func(t *testing.T) {
			_, err := db.SendNotice(ctx, email, agent, resonanz.PurposeNews, "Unser Herbstangebot!")
			if resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("news without a yes: %v", err)
			}
			conv, err := db.FindConversationByID(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			cw, err := db.ContactWishes(ctx, conv.ContactID)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(cw.Channels, ",") != "mastodon,email" {
				t.Fatalf("wish channels %v", cw.Channels)
			}
			n, err := db.SetOwnWishes(ctx, cw.Contact.ID, []resonanz.Wish{
				{Purpose: resonanz.PurposeNews, Channel: "email", State: resonanz.WishAllowed, Wording: "Ja, Neuigkeiten per E-Mail.", Language: "de"},
				// The same as in force: not recorded again.
				{Purpose: resonanz.PurposeService, Channel: "mastodon", State: resonanz.WishDenied, Wording: "Nein.", Language: "de"},
				{Purpose: resonanz.PurposeSurvey, Channel: "mastodon", State: resonanz.WishUnknown, Language: "de"},
			})
			if err != nil || n != 1 {
				t.Fatalf("own wishes: %d changed, %v", n, err)
			}
			item, err := db.SendNotice(ctx, email, agent, resonanz.PurposeNews, "Unser Herbstangebot!")
			if err != nil || item.Kind != resonanz.OutboundNotice || item.Purpose != resonanz.PurposeNews || item.Consent != resonanz.DecisionAgreed {
				t.Fatalf("news after a yes: %+v, %v", item, err)
			}
			cw, err = db.ContactWishes(ctx, cw.Contact.ID)
			if err != nil {
				t.Fatal(err)
			}
			h := cw.History[0]
			if h.Source != resonanz.SourceCustomer || h.SetBy != "" || h.Wording != "Ja, Neuigkeiten per E-Mail." || h.Language != "de" || len(cw.History) != 4 {
				t.Fatalf("history %d, newest %+v", len(cw.History), h)
			}
			// The contact's latest conversation carries it in its trail, by resonanz.
			if got := strings.Join(trail(t, db, email, "wish"), "|"); !strings.Contains(got, "resonanz wish channel=email purpose=news reason= source=customer state=allowed wording=Ja, Neuigkeiten per E-Mail.") {
				t.Fatalf("trail %s", got)
			}
		})
		t.Run("ErrUnknownContact", func(t *testing.T) {
			if _, err := db.SetOwnWishes(ctx, 9999, nil); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
	})
}

func decisionText(d resonanz.ConsentDecision) string {
	if d.Allowed {
		return "true " + d.Rule
	}
	return "false " + d.Rule
}

// A wish stated after a message was queued holds it back at sending, and a
// failed message is tried again only if the wishes still let it leave.
func TestWishesAtSending(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		live := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Brand", Settings: map[string]string{"server": "https://srv.example"}, SealedSecrets: []byte{1}}
		if err := db.CreateChannelAccount(ctx, live); err != nil {
			t.Fatal(err)
		}
		a, b := msg("mastodon", "srv/1", "@anna@srv.example", "Wo bleibt mein Paket?", 0), msg("mastodon", "srv/2", "@ben@srv.example", "Hallo?", 1)
		a.AccountID, b.AccountID = live.ID, live.ID
		res := mustIngest(t, db, a, b)
		anna, ben := res[0].ConversationID, res[1].ConversationID
		record := func(id int64, w resonanz.Wish) {
			t.Helper()
			w.Reason = "per Telefon"
			if err := db.RecordWish(ctx, id, agent, w); err != nil {
				t.Fatal(err)
			}
		}
		// Queued before the outbox runs; Anna then says no to service messages.
		toAnna, err := db.Reply(ctx, anna, agent, "Wir schauen nach!", true)
		if err != nil {
			t.Fatal(err)
		}
		toBen, err := db.Reply(ctx, ben, agent, "Guten Tag!", true)
		if err != nil {
			t.Fatal(err)
		}
		record(anna, resonanz.Wish{Purpose: resonanz.PurposeService, State: resonanz.WishDenied})
		p := &platform{outcomes: []error{resonanz.Permanent(errors.New("401 token invalid"))}}
		startJobs(t, db, workers{replies: p, backoff: fast})
		t.Run("HeldAtSending", func(t *testing.T) {
			held := waitOutbox(t, db, toAnna.ID, resonanz.OutboxHeld)
			if held.LastError != resonanz.HeldConsent || held.Consent != resonanz.DecisionDenied {
				t.Fatalf("held %+v", held)
			}
			waitOutbox(t, db, toBen.ID, resonanz.OutboxFailed)
			p.mu.Lock()
			defer p.mu.Unlock()
			for _, d := range p.got {
				if d.OutboxID == toAnna.ID {
					t.Fatal("the reply left against a wish stated after it was queued")
				}
			}
			if got := strings.Join(trail(t, db, anna, "send.blocked"), "|"); !strings.Contains(got, "resonanz send.blocked channel=mastodon kind=reply purpose=service rule=denied since=") {
				t.Fatalf("the hold is not in the trail: %s", got)
			}
		})
		t.Run("RetryAsksAgain", func(t *testing.T) {
			record(ben, resonanz.Wish{Purpose: resonanz.PurposeService, Channel: "mastodon", State: resonanz.WishDenied})
			if err := db.RetryReply(ctx, ben, toBen.ID, agent); resonanz.ErrorCode(err) != resonanz.EFORBIDDEN {
				t.Fatalf("retry against a wish: %v", err)
			}
			// No longer denied, but "do not contact": the reply still answers Ben's message.
			record(ben, resonanz.Wish{Purpose: resonanz.PurposeService, Channel: "mastodon", State: resonanz.WishUnknown})
			record(ben, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied})
			if err := db.RetryReply(ctx, ben, toBen.ID, agent); err != nil {
				t.Fatalf("retry of a direct answer: %v", err)
			}
			if sent := waitOutbox(t, db, toBen.ID, resonanz.OutboxSent); sent.Consent != resonanz.DecisionDirect {
				t.Fatalf("sent %+v", sent)
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
