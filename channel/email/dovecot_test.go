package email_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel/email"
	"github.com/resonanz/resonanz/channel/email/mailtest"
)

// TestEmailAgainstDovecot reads mail from a second, independent IMAP server,
// with two mailboxes: threading, the cursor across a restart, a changed
// UIDVALIDITY, a mail over the size limit and mails in odd encodings.
func TestEmailAgainstDovecot(t *testing.T) {
	d := mailtest.StartDovecot(t, "shop")
	shop := d.Login("shop")
	shop.Create(t, "Reklamationen")
	settings := map[string]string{"address": "shop@localhost", "imap_server": d.IMAP, "smtp_server": "127.0.0.1:1", "mailboxes": "INBOX, Reklamationen"}
	ch, err := email.New(&resonanz.ChannelAccount{Kind: "email", Settings: settings}, map[string]string{"password": "resonanz-test-shop"}, loopback(t))
	if err != nil {
		t.Fatal(err)
	}

	shop.Append(t, "INBOX", customerMail("d1@example.org", "Lieferung", "", "Wo bleibt meine Lieferung?"))
	shop.Append(t, "Reklamationen", customerMail("d2@example.org", "Re: Lieferung", "d1@example.org", "Die Jacke ist kaputt."))
	got, cursor := receive(t, ch, "", 2)
	t.Run("BothMailboxesThreaded", func(t *testing.T) {
		if len(got.Messages) != 2 || got.Messages[0].ExternalID != "d1@example.org" || got.Messages[1].ReplyTo != "d1@example.org" {
			t.Fatalf("%+v", got.Messages)
		}
	})

	t.Run("RestartFetchesNothingTwiceSkipsNothing", func(t *testing.T) {
		shop.Append(t, "Reklamationen", customerMail("d3@example.org", "Noch eine", "", "Der Reißverschluss klemmt."))
		shop.Append(t, "INBOX", customerMail("d4@example.org", "Frage", "", "Haben Sie die Jacke in Blau?"))
		restarted, err := email.New(&resonanz.ChannelAccount{Kind: "email", Settings: settings}, map[string]string{"password": "resonanz-test-shop"}, loopback(t))
		if err != nil {
			t.Fatal(err)
		}
		again, next := receive(t, restarted, cursor, 2)
		var ids []string
		for _, m := range again.Messages {
			ids = append(ids, m.ExternalID)
		}
		if strings.Join(ids, " ") != "d4@example.org d3@example.org" {
			t.Fatalf("after the restart: %v", ids)
		}
		if none, _ := receive(t, restarted, next, 0); len(none.Messages) != 0 {
			t.Fatalf("fetched again: %+v", none.Messages)
		}
		cursor = next
	})

	t.Run("ChangedUIDValidityReadsTheMailboxAgain", func(t *testing.T) {
		var cur struct {
			Boxes map[string]struct {
				V uint32 `json:"v"`
				U uint32 `json:"u"`
			} `json:"b"`
		}
		if err := json.Unmarshal([]byte(cursor), &cur); err != nil {
			t.Fatal(err)
		}
		box := cur.Boxes["INBOX"]
		stale := fmt.Sprintf(`{"b":{"INBOX":{"v":%d,"u":%d},"Reklamationen":{"v":%d,"u":%d}}}`, box.V+1, box.U, cur.Boxes["Reklamationen"].V, cur.Boxes["Reklamationen"].U)
		again, _ := receive(t, ch, stale, 2)
		if len(again.Messages) != 2 || again.Messages[0].ExternalID != "d1@example.org" || again.Messages[1].ExternalID != "d4@example.org" {
			t.Fatalf("after a new UIDVALIDITY: %+v", again.Messages)
		}
	})

	t.Run("BadMailsSkippedOrReadAsWellAsCanBe", func(t *testing.T) {
		shop.Append(t, "INBOX", "From: Gerd <gerd@example.org>\nSubject: =?ISO-8859-1?Q?K=FCndigung?=\nMessage-ID: <d5@example.org>\n"+
			"Content-Type: multipart/alternative; boundary=zz\n\n--zz\nContent-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: base64\n\n"+
			"PHA+SWNoIGv8bmRpZ2UgKIApLjwvcD4=\n--zz")
		shop.Append(t, "INBOX", "From: Hilde <hilde@example.org>\nSubject: Fotos\nMessage-ID: <d6@example.org>\nContent-Type: text/plain\n\n"+
			strings.Repeat("x", email.MaxMailSize)+"\n")
		shop.Append(t, "INBOX", "From: urlaub@example.org\nSubject: Out of Office: Lieferung\nMessage-ID: <d7@example.org>\n\nBin weg.\n")
		shop.Append(t, "INBOX", customerMail("d8@example.org", "Danach", "", "Diese Mail kommt nach den schwierigen an."))
		got, _ := receive(t, ch, cursor, 2)
		if len(got.Messages) != 2 || got.Messages[0].Text != "Kündigung\n\nIch kündige (€)." || got.Messages[1].ExternalID != "d8@example.org" {
			t.Fatalf("%+v", got.Messages)
		}
		reasons := fmt.Sprint(got.Skipped)
		if len(got.Skipped) != 2 || !strings.Contains(reasons, "MB taken in") || !strings.Contains(reasons, "out-of-office") {
			t.Fatalf("skipped: %v", got.Skipped)
		}
	})

	t.Run("IdleWakes", func(t *testing.T) {
		s := ch.(resonanz.StreamingChannel)
		ctx, stop := context.WithCancel(context.Background())
		defer stop()
		woken := make(chan struct{}, 10)
		done := make(chan error, 1)
		go func() { done <- s.Listen(ctx, func() { woken <- struct{}{} }) }()
		for n := 0; ; n++ {
			shop.Append(t, "INBOX", customerMail(fmt.Sprintf("idle%d@example.org", n), "Hallo?", "", "Hallo?"))
			select {
			case <-woken:
				return
			case err := <-done:
				t.Fatalf("IDLE ended: %v", err)
			case <-time.After(2 * time.Second):
				if n > 15 {
					t.Fatal("a new mail did not wake the listener")
				}
			}
		}
	})
}
