package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func ingest(t *testing.T, db *store.DB, msgs ...resonanz.IncomingMessage) []resonanz.IngestResult {
	t.Helper()
	res, err := db.Ingest(context.Background(), msgs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func customerMessage(channel, id, handle, name, text string) resonanz.IncomingMessage {
	return resonanz.IncomingMessage{Channel: channel, ExternalID: id, Author: resonanz.Author{Handle: handle, DisplayName: name},
		Text: text, Time: t0, Visibility: resonanz.Public}
}

func TestContactWishRefusesReply(t *testing.T) {
	base, db, _ := newTestServer(t)
	ui, _ := logInUI(t, base, db, "tom@example.org", "Tom Berger")
	id := ingest(t, db, customerMessage("mastodon", "m1", "@anna", "Anna", "Wo ist mein Paket?"))[0].ConversationID
	path := fmt.Sprint("/conversations/", id)

	t.Run("ErrReasonMissing", func(t *testing.T) {
		if status, _ := ui.post(path+"/consent", url.Values{"optout": {"1"}, "reason": {""}}); status != http.StatusBadRequest {
			t.Fatalf("opt-out without a reason answered %d", status)
		}
	})
	t.Run("MarkOptedOut", func(t *testing.T) {
		status, page := ui.post(path+"/consent", url.Values{"optout": {"1"}, "reason": {"asked by phone"}})
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		// Anna's message is not answered yet: an answer to it may still leave.
		mustContain(t, page, "Does not want to be contacted", "asked by phone", "recorded by an agent (Tom Berger)",
			"contact wish: do not contact (recorded by an agent; asked by phone)", "allowed: direct answer", "blocked: do not contact since")
		if strings.Contains(page, `id="reply-blocked"`) {
			t.Fatal("the direct answer is blocked")
		}
	})
	t.Run("OnlyTheDirectAnswerLeaves", func(t *testing.T) {
		if status, _ := ui.post(path+"/reply", url.Values{"text": {"Wir kümmern uns!"}, "visibility": {"public"}}); status != http.StatusOK {
			t.Fatalf("the direct answer answered %d", status)
		}
		status, page := ui.post(path+"/reply", url.Values{"text": {"Und ein Gutschein!"}, "visibility": {"public"}})
		if status != http.StatusForbidden {
			t.Fatalf("a second reply to an opted-out customer answered %d", status)
		}
		mustContain(t, page, "Not sent: the contact wishes of Anna rule this message out.", "reply not sent: do not contact since")
		tl, _ := db.Timeline(context.Background(), id)
		if n := len(tl.Entries); n != 2 {
			t.Fatalf("%d timeline entries, want the customer's message and the direct answer", n)
		}
	})
	t.Run("AllowAgain", func(t *testing.T) {
		ui.post(path+"/consent", url.Values{"optout": {"0"}, "reason": {"wrote again"}})
		if status, _ := ui.post(path+"/reply", url.Values{"text": {"Wir kümmern uns!"}, "visibility": {"public"}}); status != http.StatusOK {
			t.Fatalf("reply after contact was allowed again answered %d", status)
		}
	})
}

var nonceRE = regexp.MustCompile(`name="nonce" value="([^"]+)"`)

func TestCrisisBulkReply(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	ui, tom := logInUI(t, base, db, "tom@example.org", "Tom Berger")
	res := ingest(t, db, customerMessage("mastodon", "m1", "@anna", "Anna", "Warenkorb leer <b>sofort</b> <script>x()</script>"),
		customerMessage("email", "e1", "bert@example.org", "Bert", "Warenkorb weg"),
		customerMessage("forum", "f1", "cara", "Cara", "Warenkorb kaputt"))
	a := &resonanz.Alert{Key: "app", Severity: 3, Count: 3, Window: time.Hour, Channels: 3, Authors: 3, FirstSeen: t0, LastSeen: t0}
	if err := db.SaveAlert(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := db.LinkAlertMessages(ctx, a.ID, []int64{res[0].MessageID, res[1].MessageID, res[2].MessageID}); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordWish(ctx, res[2].ConversationID, tom, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied, Reason: "no replies please"}); err != nil {
		t.Fatal(err)
	}
	room := fmt.Sprint("/alerts/", a.ID)

	t.Run("Statement", func(t *testing.T) {
		status, page := ui.post(room+"/statement", url.Values{"statement": {"Der Fehler ist behoben."}, "url": {"https://hilfe.example.org/w"}, "public": {"on"}})
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		mustContain(t, page, "Der Fehler ist behoben.", `href="https://hilfe.example.org/w"`, "Fit to be public · last changed by Tom Berger")
	})
	t.Run("ErrUnknownPlaceholder", func(t *testing.T) {
		status, page := ui.post(room+"/bulk/preview", url.Values{"template-de-sie": {"Hallo {nmae}"}})
		if status != http.StatusBadRequest {
			t.Fatalf("status %d", status)
		}
		mustContain(t, page, `id="bulk-error"`, "Unknown placeholder {nmae}", "Hallo {nmae}</textarea>")
	})
	template := "Hallo {name}:\n„{quote}“\n{statement}"
	anna := contactOf(t, db, res[0].ConversationID)
	status, page := ui.post(room+"/bulk/preview", url.Values{"template-de-sie": {template}, "listed": {fmt.Sprint(anna)}, "to": {fmt.Sprint(anna)},
		"quote": {fmt.Sprint(anna)}})
	if status != http.StatusOK {
		t.Fatalf("preview answered %d", status)
	}
	t.Run("PreviewCountsAndEscapes", func(t *testing.T) {
		mustContain(t, page, "The crisis room holds 3 customers; the reply goes to 2 of them (1 publicly, 1 privately).", "Left out: 1",
			"1 for contact wishes", "contact wish (blocked: do not contact since",
			"Hallo Anna:\n„Warenkorb leer &lt;b&gt;sofort&lt;/b&gt; &lt;script&gt;x()&lt;/script&gt;“\nDer Fehler ist behoben. https://hilfe.example.org/w",
			"Hallo Bert:\nDer Fehler ist behoben.") // Bert's words are not quoted: the manager did not choose it
		if strings.Contains(page, "<b>sofort") || strings.Contains(page, "<script>x()") {
			t.Fatal("the preview shows customer markup unescaped")
		}
	})
	nonce := nonceRE.FindStringSubmatch(page)
	if nonce == nil {
		t.Fatal("the preview has no send form")
	}
	send := url.Values{"template-de-sie": {template}, "nonce": {nonce[1]}}
	t.Run("SendTwiceQueuesOnce", func(t *testing.T) {
		for i := 0; i < 2; i++ {
			status, page := ui.post(room+"/bulk/send", send)
			if status != http.StatusOK {
				t.Fatalf("send %d answered %d", i+1, status)
			}
			mustContain(t, page, `id="bulk-result"`, "sent to 2, skipped 1")
		}
		list, err := db.BulkReplies(ctx, a.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("bulk replies after a double submit: %v, %v", list, err)
		}
		for i, want := range []int{2, 2, 1} { // Anna and Bert: message and reply; Cara: hers only
			tl, _ := db.Timeline(ctx, res[i].ConversationID)
			if len(tl.Entries) != want {
				t.Fatalf("conversation %d has %d timeline entries, want %d", i, len(tl.Entries), want)
			}
		}
	})
}

// contactOf returns the contact of a conversation's customer.
func contactOf(t *testing.T, db *store.DB, conversationID int64) int64 {
	t.Helper()
	tl, err := db.Timeline(context.Background(), conversationID)
	if err != nil {
		t.Fatal(err)
	}
	return tl.Conversation.ContactID
}
