package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/web"
)

// mailbox stands in for the email account: it hands each automatic mail
// to the test and answers with the outcome the test gave.
type mailbox struct {
	outcome error
	got     chan *resonanz.AutoReply
}

func (m *mailbox) SendAutoReply(_ context.Context, r *resonanz.AutoReply) error {
	m.got <- r
	return m.outcome
}

// TestFormConfirmation: a person who gave an address gets a confirmation
// in the form's language with the conversation's number; a failing mail
// server loses nothing; a kiosk entry without an address gets none.
func TestFormConfirmation(t *testing.T) {
	box := &mailbox{outcome: errors.New("421 try again later"), got: make(chan *resonanz.AutoReply, 4)}
	base, db, _ := newTestServer(t, func(s *web.Server) { s.AutoReplies = box })
	addForm(t, db, "Kontakt", map[string]string{"slug": "kontakt", "store": "Mitte"})
	de := formClient{t, base, "de-DE,de;q=0.9"}

	resp, _ := de.do("POST", "/forms/kontakt", url.Values{"email": {"kim@example.org"}, "text": {"<b>Kaufen Sie jetzt</b> Rückruf bitte"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/thanks") {
		t.Fatalf("the entry was not taken: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	mail := <-box.got
	msgs := formMessages(t, db, "form")
	if len(msgs) != 1 {
		t.Fatalf("%d messages stored, want the entry although its confirmation failed", len(msgs))
	}
	ref := itoa(msgs[0].ConversationID)
	if mail.To != "kim@example.org" || mail.Subject != "Wir haben Ihre Nachricht erhalten (Vorgangsnummer "+ref+")" ||
		!strings.Contains(mail.Text, "Ihre Vorgangsnummer: "+ref) {
		t.Fatalf("confirmation %+v", mail)
	}
	if strings.Contains(mail.Text, "Kaufen") {
		t.Fatal("the confirmation repeats what was typed: a bot could mail its text to anyone")
	}

	t.Run("KioskWithoutAddress", func(t *testing.T) {
		resp, _ := de.do("POST", "/forms/kontakt/kiosk", url.Values{"text": {"Freundliches Personal"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("kiosk entry: %d", resp.StatusCode)
		}
		if len(formMessages(t, db, "instore")) != 1 {
			t.Fatal("the kiosk entry was not stored")
		}
		select {
		case m := <-box.got:
			t.Fatalf("a confirmation without an address: %+v", m)
		default:
		}
	})
}
