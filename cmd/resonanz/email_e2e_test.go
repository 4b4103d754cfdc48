package main

import (
	"context"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel/email/mailtest"
)

// TestEmailEndToEnd drives the whole program against a real mox: the
// account is connected; a customer's two mails of one thread arrive in one
// conversation; an agent's reply, typed in a real browser, leaves through
// the outbox and reaches the
// customer's mailbox threaded under her mail; her answer joins the same
// conversation; mail written while resonanz was down arrives once after a
// restart; an auto-reply and a bounce open no conversation.
func TestEmailEndToEnd(t *testing.T) {
	srv := mailtest.StartMox(t, "anna", "shop")
	anna := srv.Login("anna")
	m := startMainWith(t, Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), AllowOutbound: []string{"127.0.0.1"}, PollInterval: 200 * time.Millisecond})
	t.Cleanup(func() { m.Close() })
	bg := context.Background()
	agent := newUser(t, m, "ada@example.org", "Ada Agent", resonanz.RoleAdmin)
	toShop := []string{srv.Address("shop")}
	send := func(id, subject, inReplyTo, text string) {
		t.Helper()
		h := fmt.Sprintf("From: Anna Kundin <anna@localhost>\nTo: shop@localhost\nSubject: %s\nDate: %s\nMessage-ID: <%s>\n", subject, time.Now().Format(time.RFC1123Z), id)
		if inReplyTo != "" {
			h += fmt.Sprintf("In-Reply-To: <%s>\nReferences: <%s>\n", inReplyTo, inReplyTo)
		}
		srv.Submit(t, "anna", toShop, h+"Content-Type: text/plain; charset=utf-8\n\n"+text+"\n")
	}

	must(t, m.Channels.Connect(bg, &resonanz.ChannelAccount{Kind: "email", Name: "Kundenservice"}, map[string]string{
		"address": "shop@localhost", "imap_server": srv.IMAP, "smtp_server": srv.Submission, "password": srv.Password("shop"), "sent_folder": "Sent"}))
	m.poller.Wake()

	send("e1@localhost", "Bestellung 4711", "", "Mein Paket ist nicht angekommen.")
	send("e2@localhost", "Re: Bestellung 4711", "e1@localhost", "Die Sendungsnummer ist 123.")
	var conv *resonanz.Conversation
	waitLong(t, "both mails arrive in one conversation", func() bool {
		c1, c2 := emailConversation(t, m, "e1@localhost"), emailConversation(t, m, "e2@localhost")
		conv = c1
		return c1 != nil && c2 != nil && c1.ID == c2.ID
	})

	// The agent answers in the browser, as every day.
	ctx, dialog := newBrowser(t)
	logIn(t, ctx, m, agent)
	must(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprint(m.URL(), "/conversations/", conv.ID)), chromedp.WaitVisible("#reply-text"),
		chromedp.SendKeys("#reply-text", "Guten Tag, das Paket ist unterwegs."), chromedp.Click("#reply-send")))
	waitFor(t, ctx, `[...document.querySelectorAll("#timeline li.out .text")].some(e => e.textContent.startsWith("Guten Tag, das Paket ist unterwegs."))`)
	if dialog.Load() {
		t.Fatal("a JavaScript dialog opened")
	}
	var sent *resonanz.OutboxItem
	waitLong(t, "the outbox shows the reply sent", func() bool {
		sent = sentReply(t, m, conv.ID)
		return sent != nil
	})
	t.Run("ReplyThreadedInTheCustomersMailbox", func(t *testing.T) {
		mails := anna.WaitMails(t, "INBOX", 1)
		msg, err := mail.ReadMessage(strings.NewReader(string(mails[0].Raw)))
		must(t, err)
		h := msg.Header
		if h.Get("Message-Id") != "<"+sent.ExternalID+">" || h.Get("In-Reply-To") != "<e2@localhost>" ||
			!strings.Contains(h.Get("References"), "<e1@localhost>") || !strings.Contains(h.Get("References"), "<e2@localhost>") ||
			h.Get("Subject") != "Re: Bestellung 4711" {
			t.Fatalf("the reply's headers: %v", h)
		}
		if body, _ := io.ReadAll(msg.Body); !strings.Contains(string(body), "das Paket ist unterwegs.") {
			t.Fatalf("the reply's text: %q", body)
		}
	})

	send("e3@localhost", "Re: Bestellung 4711", sent.ExternalID, "Danke, ist angekommen!")
	waitLong(t, "the answer to the reply arrives", func() bool { return emailConversation(t, m, "e3@localhost") != nil })
	if c := emailConversation(t, m, "e3@localhost"); c.ID != conv.ID {
		t.Fatalf("the answer to the reply opened conversation %d, not %d", c.ID, conv.ID)
	}

	t.Run("RestartInBetween", func(t *testing.T) {
		must(t, m.Close())
		send("e4@localhost", "Re: Bestellung 4711", "e3@localhost", "Noch eine Frage zur Rechnung.")
		srv.Submit(t, "anna", toShop, "From: anna@localhost\nTo: shop@localhost\nSubject: Automatische Antwort: Bestellung\nMessage-ID: <auto@localhost>\nAuto-Submitted: auto-replied\n\nIch bin im Urlaub.\n")
		srv.Deliver(t, "", toShop, "From: MAILER-DAEMON@localhost\nTo: shop@localhost\nSubject: Undelivered Mail\nMessage-ID: <bounce@localhost>\n"+
			"Content-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\nContent-Type: text/plain\n\nNot delivered.\n--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; localhost\n\nFinal-Recipient: rfc822; gone@localhost\nAction: failed\nStatus: 5.1.1\n--r--\n")
		srv.Login("shop").WaitMails(t, "INBOX", 6)
		m = startMainWith(t, m.Config)
		waitLong(t, "the mail written while resonanz was down arrives", func() bool { return emailConversation(t, m, "e4@localhost") != nil })
		time.Sleep(time.Second) // the auto-reply and the bounce came with it
		page, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{Channel: "email", Limit: 50})
		must(t, err)
		if len(page.Conversations) != 1 {
			t.Fatalf("%d email conversations, want 1: the auto-reply and the bounce open none", len(page.Conversations))
		}
		tl, err := m.DB.Timeline(bg, page.Conversations[0].ID)
		must(t, err)
		inbound := 0
		for _, e := range tl.Entries {
			if e.Message != nil && e.InConversation && e.Message.Direction == resonanz.Inbound {
				inbound++
			}
		}
		if inbound != 4 {
			t.Fatalf("%d customer mails in the conversation, want 4: nothing twice, nothing skipped", inbound)
		}
	})
}

// sentReply returns the delivery of the agent's reply in a conversation once it is sent.
func sentReply(t *testing.T, m *Main, conversationID int64) *resonanz.OutboxItem {
	t.Helper()
	tl, err := m.DB.Timeline(context.Background(), conversationID)
	must(t, err)
	for _, e := range tl.Entries {
		if msg := e.Message; msg != nil && msg.Direction == resonanz.Outbound && msg.Delivery != nil && msg.Delivery.State == resonanz.OutboxSent {
			return msg.Delivery
		}
	}
	return nil
}

// emailConversation finds the conversation that holds the mail with externalID.
func emailConversation(t *testing.T, m *Main, externalID string) *resonanz.Conversation {
	t.Helper()
	hits, err := m.DB.FindConversations(context.Background(), resonanz.ConversationFilter{Channel: "email", Limit: 50})
	must(t, err)
	for _, c := range hits.Conversations {
		tl, err := m.DB.Timeline(context.Background(), c.ID)
		must(t, err)
		for _, e := range tl.Entries {
			if e.Message != nil && e.Message.ExternalID == externalID && e.Message.ConversationID == c.ID {
				return c
			}
		}
	}
	return nil
}
