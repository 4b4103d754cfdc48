package store_test

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// crisis is an alert over messages of several customers on several channels.
type crisis struct {
	alertID int64
	conv    map[string]int64 // conversation of each message, by external id
}

func newCrisis(t *testing.T, db *store.DB) crisis {
	t.Helper()
	ctx := context.Background()
	private := func(m resonanz.IncomingMessage) resonanz.IncomingMessage { m.Visibility = resonanz.Private; return m }
	long := "Seit dem Update ist mein Warenkorb leer, und das schon zum dritten Mal diese Woche. <b>Unfassbar</b>, wirklich."
	anna := msg("mastodon", "m-anna", "@anna", "Warenkorb leer!", 0)
	annaForum := msg("forum", "f-anna", "anna", long, 5) // Anna's latest message: the bulk reply goes there
	anna.Author.CustomerRef, annaForum.Author.CustomerRef = "anna@example.org", "anna@example.org"
	anna.Author.DisplayName, annaForum.Author.DisplayName = "Anna", "Anna {quote}"
	msgs := []resonanz.IncomingMessage{anna, annaForum,
		msg("email", "e-bert", "bert@example.org", "Warenkorb weg", 1),
		private(msg("mastodon", "m-cara", "@cara", "Warenkorb? (DM)", 2)),
		msg("review", "r-dora", "dora", "Ein Stern, Warenkorb kaputt", 3),
		msg("forum", "f-erik", "erik", "Warenkorb weg, ich will keine Antworten", 4),
		msg("email", "e-fritz", "fritz@example.org", "Warenkorb?", 6),
		msg("email", "e-gina", "gina@example.org", "Nicht im Alarm", 7),
	}
	res := mustIngest(t, db, msgs...)
	c := crisis{conv: map[string]int64{}}
	var linked []int64
	for i, m := range msgs {
		c.conv[m.ExternalID] = res[i].ConversationID
		if m.ExternalID != "e-gina" {
			linked = append(linked, res[i].MessageID)
		}
	}
	a := &resonanz.Alert{Key: "app", Severity: 3, Count: 7, Window: time.Hour, Channels: 4, Authors: 6, FirstSeen: t0, LastSeen: t0}
	if err := db.SaveAlert(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := db.LinkAlertMessages(ctx, a.ID, linked); err != nil {
		t.Fatal(err)
	}
	c.alertID = a.ID
	return c
}

func TestBulkReply(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lead := mustUser(t, db, "lea", resonanz.RoleLead)
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		c := newCrisis(t, db)
		if err := db.RecordWish(ctx, c.conv["f-erik"], agent, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied,
			Reason: "asked on the phone"}); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordWish(ctx, c.conv["e-fritz"], agent, resonanz.Wish{Purpose: resonanz.PurposeService, Channel: "mastodon",
			State: resonanz.WishDenied, Reason: "no social media"}); err != nil {
			t.Fatal(err)
		}
		const template = "Hallo {name},\nSie schrieben: „{quote}“\n{statement}"
		draft := resonanz.BulkDraft{Templates: map[string]string{resonanz.VariantSie: template}}

		t.Run("ErrStatementMissing", func(t *testing.T) {
			_, err := db.PreviewBulkReply(ctx, c.alertID, draft)
			if resonanz.ErrorField(err) != "template" || !strings.Contains(resonanz.ErrorMessage(err), "no statement") {
				t.Fatalf("err = %v", err)
			}
		})
		st := resonanz.Statement{Text: "Der Fehler ist behoben.", URL: "https://hilfe.example.org/warenkorb", Public: true}
		if err := db.SetStatement(ctx, c.alertID, lead, st); err != nil {
			t.Fatal(err)
		}
		t.Run("Statement", func(t *testing.T) {
			a, err := db.FindAlertByID(ctx, c.alertID)
			if err != nil {
				t.Fatal(err)
			}
			if a.Statement.Text != st.Text || a.Statement.URL != st.URL || a.Statement.ChangedBy != "User lea" || a.Statement.ChangedAt.IsZero() {
				t.Fatalf("statement %+v", a.Statement)
			}
			if err := db.SetStatement(ctx, c.alertID, lead, resonanz.Statement{Text: "x", URL: "javascript:alert(1)"}); resonanz.ErrorField(err) != "url" {
				t.Fatalf("script link: %v", err)
			}
			if err := db.SetStatement(ctx, 999, lead, st); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Fatalf("unknown alert: %v", err)
			}
		})
		t.Run("ErrUnknownPlaceholder", func(t *testing.T) {
			_, err := db.PreviewBulkReply(ctx, c.alertID, resonanz.BulkDraft{Templates: map[string]string{resonanz.VariantSie: "Hallo {nmae}"}})
			if resonanz.ErrorField(err) != "template" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("Preview", func(t *testing.T) {
			p, err := db.PreviewBulkReply(ctx, c.alertID, draft)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Recipients) != 5 || len(p.Skipped) != 1 || p.Skipped[0].Name != "Name of erik" || p.Skipped[0].Decision.Rule != resonanz.DecisionDoNotContact ||
				p.Skipped[0].Skip != resonanz.SkipConsent {
				t.Fatalf("preview: %d recipients, skipped %+v", len(p.Recipients), p.Skipped)
			}
		})
		p, err := db.PreviewBulkReply(ctx, c.alertID, draft)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Recipients {
			if r.Name == "Anna {quote}" {
				draft.Quoted = append(draft.Quoted, r.ContactID) // her words, by the manager's choice
			}
		}

		br, err := db.SendBulkReply(ctx, c.alertID, agent, draft, "nonce-1")
		if err != nil {
			t.Fatal(err)
		}
		if br.Sent != 5 || br.Skipped != 1 || br.Repeated {
			t.Fatalf("bulk reply %+v", br)
		}
		t.Run("OneOutboxEntryPerCustomer", func(t *testing.T) {
			items, err := store.Outbox(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			got := map[int64]string{}
			for _, it := range items {
				if _, dup := got[it.ConversationID]; dup {
					t.Fatalf("two outbox entries in conversation %d", it.ConversationID)
				}
				got[it.ConversationID] = it.Channel + " " + it.Visibility
			}
			want := map[int64]string{
				c.conv["f-anna"]:  "forum public",
				c.conv["e-bert"]:  "email private",
				c.conv["m-cara"]:  "mastodon private",
				c.conv["r-dora"]:  "review public",
				c.conv["e-fritz"]: "email private",
			}
			if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
				t.Fatalf("outbox\n got %v\nwant %v", sorted(got), sorted(want))
			}
		})
		t.Run("PlaceholdersFilled", func(t *testing.T) {
			items, _ := store.Outbox(ctx, db)
			var anna string
			for _, it := range items {
				if it.ConversationID == c.conv["f-anna"] {
					anna = it.Text
				}
			}
			want := "Hallo Anna {quote},\nSie schrieben: „Seit dem Update ist mein Warenkorb leer, und das schon zum dritten Mal diese…“\n" +
				"Der Fehler ist behoben. https://hilfe.example.org/warenkorb"
			if anna != want {
				t.Fatalf("Anna's reply\n got %s\nwant %s", anna, want)
			}
		})
		t.Run("DoubleSubmitSendsNothingAgain", func(t *testing.T) {
			again, err := db.SendBulkReply(ctx, c.alertID, agent, draft, "nonce-1")
			if err != nil {
				t.Fatal(err)
			}
			if !again.Repeated || again.ID != br.ID || again.Sent != 5 {
				t.Fatalf("repeated submit %+v, first %+v", again, br)
			}
			if n := outboxCount(t, db); n != 5 {
				t.Fatalf("%d outbox entries after a double submit, want 5", n)
			}
			list, err := db.BulkReplies(ctx, c.alertID)
			if err != nil || len(list) != 1 || list[0].UserName != "User tom" {
				t.Fatalf("bulk replies %v, %v", list, err)
			}
		})
		t.Run("AuditedConversationsKeepOwners", func(t *testing.T) {
			tl, err := db.Timeline(ctx, c.conv["e-bert"])
			if err != nil {
				t.Fatal(err)
			}
			last := tl.Audit[len(tl.Audit)-1]
			if last.Action != "bulk_reply" || last.Params["alert"] != strconv.FormatInt(c.alertID, 10) || last.Params["visibility"] != "private" ||
				!strings.HasPrefix(last.Params["text"], "Hallo Name of bert") {
				t.Fatalf("audit %+v", last)
			}
			if tl.Conversation.Status != resonanz.StatusWaiting || tl.Conversation.OwnerID != 0 {
				t.Fatalf("conversation after bulk reply %+v", tl.Conversation)
			}
		})
		t.Run("ErrNonceMissing", func(t *testing.T) {
			if _, err := db.SendBulkReply(ctx, c.alertID, agent, draft, ""); resonanz.ErrorField(err) != "nonce" {
				t.Fatalf("err = %v", err)
			}
		})
	})
}

func sorted(m map[int64]string) []string {
	var list []string
	for id, v := range m {
		list = append(list, fmt.Sprint(id, " ", v))
	}
	sort.Strings(list)
	return list
}
