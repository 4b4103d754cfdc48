package email_test

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/channel/email"
	"github.com/resonanz/resonanz/channel/email/mailtest"
)

// loopback lets the adapter reach the test servers, as an admin would allow
// a mail server on the company's own network.
func loopback(t *testing.T) *http.Client {
	allow, err := channel.ParseAllow([]string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	return channel.Outbound{Allow: allow, Timeout: 20 * time.Second}.Client()
}

func connect(t *testing.T, settings map[string]string, password string) resonanz.Channel {
	t.Helper()
	ch, err := email.New(&resonanz.ChannelAccount{Kind: "email", Name: "Service", Settings: settings}, map[string]string{"password": password}, loopback(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := ch.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ch
}

// receive asks, as the poller does, until at least n messages came (or, for
// n == 0, once) and returns everything fetched.
func receive(t *testing.T, ch resonanz.Channel, cursor string, n int) (*resonanz.Received, string) {
	t.Helper()
	all := &resonanz.Received{}
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, err := ch.Receive(context.Background(), cursor)
		if err != nil {
			t.Fatal(err)
		}
		all.Messages, all.Skipped, cursor = append(all.Messages, got.Messages...), append(all.Skipped, got.Skipped...), got.Cursor
		for _, m := range got.Messages {
			if err := m.Validate(); err != nil {
				t.Fatalf("%s: %v", m.ExternalID, err)
			}
		}
		if !got.More && (len(all.Messages) >= n || time.Now().After(deadline)) {
			return all, cursor
		}
		if !got.More {
			time.Sleep(100 * time.Millisecond)
		}
	}
}

func header(t *testing.T, raw []byte) mail.Header {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return m.Header
}

func customerMail(id, subject, inReplyTo, text string) string {
	h := fmt.Sprintf("From: Anna Kundin <anna@localhost>\nTo: shop@localhost\nSubject: %s\nDate: %s\nMessage-ID: <%s>\n",
		subject, time.Now().Format(time.RFC1123Z), id)
	if inReplyTo != "" {
		h += fmt.Sprintf("In-Reply-To: <%s>\nReferences: <%s>\n", inReplyTo, inReplyTo)
	}
	return h + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text + "\n"
}

// TestEmailAgainstMox runs the customer's round trip through a real mail
// server: mails in, threaded; a reply out, threaded in the customer's
// mailbox, with a copy in Sent; the customer's answer joins the thread;
// a restart fetches nothing twice and skips nothing; machines are ignored.
func TestEmailAgainstMox(t *testing.T) {
	m := mailtest.StartMox(t, "anna", "shop")
	anna, shop := m.Login("anna"), m.Login("shop")
	ctx := context.Background()
	ch := connect(t, map[string]string{"address": "shop@localhost", "from_name": "Beispiel-Shop", "imap_server": m.IMAP,
		"smtp_server": m.Submission, "sent_folder": "Sent"}, m.Password("shop"))
	toShop := []string{m.Address("shop")}

	m.Submit(t, "anna", toShop, customerMail("a1@localhost", "Bestellung 4711", "", "Mein Paket ist nicht angekommen."))
	shop.WaitMails(t, "INBOX", 1)
	got, cursor := receive(t, ch, "", 1)
	t.Run("FirstMailOfTheLastDay", func(t *testing.T) {
		if len(got.Messages) != 1 {
			t.Fatalf("%d messages", len(got.Messages))
		}
		msg := got.Messages[0]
		if msg.ExternalID != "a1@localhost" || msg.Author.Handle != "anna@localhost" || msg.Author.DisplayName != "Anna Kundin" ||
			msg.Visibility != resonanz.Private || msg.Text != "Bestellung 4711\n\nMein Paket ist nicht angekommen." || msg.ReplyTo != "" {
			t.Fatalf("%+v", msg)
		}
	})

	m.Submit(t, "anna", toShop, customerMail("a2@localhost", "Re: Bestellung 4711", "a1@localhost",
		"Nachtrag: die Sendungsnummer ist 123.\n\nAm Montag schrieb Anna Kundin <anna@localhost>:\n> Mein Paket ist nicht angekommen."))
	got, cursor = receive(t, ch, cursor, 1)
	t.Run("SecondMailThreaded", func(t *testing.T) {
		if len(got.Messages) != 1 || got.Messages[0].ReplyTo != "a1@localhost" || got.Messages[0].Text != "Nachtrag: die Sendungsnummer ist 123." {
			t.Fatalf("%+v", got.Messages)
		}
	})

	out := &resonanz.Outgoing{Key: "resonanz-reply-1", Text: "Guten Tag,\n\ndas Paket ist unterwegs.\n\nIhr Beispiel-Shop", ReplyTo: "a2@localhost",
		Recipient: "anna@localhost", Attempt: 1, QueuedAt: time.Now()}
	sent, err := ch.Send(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ReplyThreadedInTheCustomersMailbox", func(t *testing.T) {
		mails := anna.WaitMails(t, "INBOX", 1)
		h := header(t, mails[0].Raw)
		subject, _ := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
		if h.Get("Message-Id") != "<"+sent.ExternalID+">" || h.Get("In-Reply-To") != "<a2@localhost>" ||
			!strings.Contains(h.Get("References"), "<a1@localhost>") || !strings.Contains(h.Get("References"), "<a2@localhost>") ||
			subject != "Re: Bestellung 4711" || h.Get("Auto-Submitted") != "" {
			t.Fatalf("headers %v (subject %q)", h, subject)
		}
		if body := string(mails[0].Raw); !strings.Contains(body, "das Paket ist unterwegs.") {
			t.Fatalf("body %q", body)
		}
		if sentCopy := shop.Mails(t, "Sent"); len(sentCopy) != 1 || header(t, sentCopy[0].Raw).Get("Message-Id") != "<"+sent.ExternalID+">" {
			t.Fatalf("the Sent folder holds %d mails", len(sentCopy))
		}
	})
	t.Run("RetryDoesNotSendTwice", func(t *testing.T) {
		out.Attempt = 2 // as if the answer to the first attempt was lost
		again, err := ch.Send(ctx, out)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second) // a second copy would arrive by now
		if again.ExternalID != sent.ExternalID || len(anna.Mails(t, "INBOX")) != 1 {
			t.Fatalf("a retry sent again: %s vs %s", again.ExternalID, sent.ExternalID)
		}
	})

	m.Submit(t, "anna", toShop, customerMail("a3@localhost", "Re: Bestellung 4711", sent.ExternalID, "Danke, ist angekommen!"))
	got, cursor = receive(t, ch, cursor, 1)
	t.Run("CustomersAnswerJoinsTheThread", func(t *testing.T) {
		if len(got.Messages) != 1 || got.Messages[0].ReplyTo != sent.ExternalID {
			t.Fatalf("%+v", got.Messages)
		}
	})

	t.Run("RestartFetchesNothingTwiceSkipsNothing", func(t *testing.T) {
		m.Submit(t, "anna", toShop, customerMail("a4@localhost", "Noch etwas", "", "Eine Frage."))
		m.Submit(t, "anna", toShop, customerMail("a5@localhost", "Und noch etwas", "", "Eine zweite Frage."))
		shop.WaitMails(t, "INBOX", 5)
		restarted := connect(t, map[string]string{"address": "shop@localhost", "imap_server": m.IMAP, "smtp_server": m.Submission}, m.Password("shop"))
		got, _ := receive(t, restarted, cursor, 2)
		var ids []string
		for _, msg := range got.Messages {
			ids = append(ids, msg.ExternalID)
		}
		if strings.Join(ids, " ") != "a4@localhost a5@localhost" {
			t.Fatalf("after the restart: %v", ids)
		}
	})

	t.Run("AutoReplyAndBounceAreNoMessages", func(t *testing.T) {
		m.Submit(t, "anna", toShop, "From: anna@localhost\nTo: shop@localhost\nSubject: Abwesenheitsnotiz: Bestellung 4711\nMessage-ID: <auto1@localhost>\nAuto-Submitted: auto-replied\n\nIch bin im Urlaub.\n")
		m.Deliver(t, "", toShop, "From: Mail Delivery Subsystem <MAILER-DAEMON@localhost>\nTo: shop@localhost\nSubject: Undelivered Mail\nMessage-ID: <bounce1@localhost>\n"+
			"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\nContent-Type: text/plain\n\nNot delivered.\n--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; localhost\n\nFinal-Recipient: rfc822; gone@localhost\nAction: failed\nStatus: 5.1.1\n--r--\n")
		shop.WaitMails(t, "INBOX", 7)
		got, _ := receive(t, ch, cursor, 0)
		if len(got.Messages) != 2 { // a4 and a5, which this connection had not fetched yet
			t.Fatalf("%d messages: %+v", len(got.Messages), got.Messages)
		}
		reasons := fmt.Sprint(got.Skipped)
		if len(got.Skipped) != 2 || !strings.Contains(reasons, "auto-submitted") || !strings.Contains(reasons, "bounce") {
			t.Fatalf("skipped: %v", got.Skipped)
		}
	})

	t.Run("IdleWakes", func(t *testing.T) {
		s, ok := ch.(resonanz.StreamingChannel)
		if !ok {
			t.Fatal("the email channel does not listen")
		}
		listenCtx, stop := context.WithCancel(ctx)
		woken := make(chan struct{}, 10)
		done := make(chan error, 1)
		go func() { done <- s.Listen(listenCtx, func() { woken <- struct{}{} }) }()
		deadline := time.After(30 * time.Second)
		tick := time.NewTicker(2 * time.Second)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-woken:
				stop()
				if err := <-done; err == nil {
					t.Fatal("Listen returned no reason when stopped")
				}
				return
			case <-tick.C:
				m.Submit(t, "anna", toShop, customerMail(fmt.Sprintf("idle%d@localhost", n), "Hallo?", "", "Hallo?"))
			case err := <-done:
				t.Fatalf("IDLE ended: %v", err)
			case <-deadline:
				t.Fatal("a new mail did not wake the listener")
			}
		}
	})

	t.Run("ErrWrongPassword", func(t *testing.T) {
		bad, err := email.New(&resonanz.ChannelAccount{Kind: "email", Settings: map[string]string{"address": "shop@localhost", "imap_server": m.IMAP, "smtp_server": m.Submission}},
			map[string]string{"password": "wrong-password"}, loopback(t))
		if err != nil {
			t.Fatal(err)
		}
		if err := bad.Check(ctx); err == nil || !resonanz.IsPermanent(err) {
			t.Fatalf("a wrong password: %v", err)
		}
	})
	t.Run("ErrInternalAddressNotAllowed", func(t *testing.T) {
		guarded, err := email.New(&resonanz.ChannelAccount{Kind: "email", Settings: map[string]string{"address": "shop@localhost", "imap_server": m.IMAP, "smtp_server": m.Submission}},
			map[string]string{"password": m.Password("shop")}, channel.Outbound{}.Client())
		if err != nil {
			t.Fatal(err)
		}
		if err := guarded.Check(ctx); err == nil || !strings.Contains(err.Error(), "internal") {
			t.Fatalf("a loopback server without --allow-outbound: %v", err)
		}
	})
}
