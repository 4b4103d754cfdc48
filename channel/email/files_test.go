package email_test

import (
	"bytes"
	"context"
	"mime"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel/email/mailtest"
)

// TestFilesReplyToAndAutoReplyAgainstMox: a mail's attachment comes with its
// bytes, the mail itself as the original, a Reply-To as the reply address
// beside the sender's handle; an automatic mail from the account says so.
func TestFilesReplyToAndAutoReplyAgainstMox(t *testing.T) {
	m := mailtest.StartMox(t, "anna", "shop", "familie")
	ch := connect(t, map[string]string{"address": "shop@localhost", "imap_server": m.IMAP, "smtp_server": m.Submission}, m.Password("shop"))
	raw := "From: Anna Kundin <anna@localhost>\nTo: shop@localhost\nReply-To: Familie Kundin <familie@localhost>, anna@localhost\n" +
		"Subject: Rechnung\nDate: " + time.Now().Format(time.RFC1123Z) + "\nMessage-ID: <f1@localhost>\nMIME-Version: 1.0\n" +
		"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nDie Rechnung ist falsch, siehe Anhang.\n" +
		"--b\nContent-Type: application/pdf; name=\"../../Rechnung 4711.pdf\"\nContent-Disposition: attachment; filename=\"../../Rechnung 4711.pdf\"\n" +
		"Content-Transfer-Encoding: base64\n\nJVBERi0xLjQKJcOkw7zDtsOf\n--b--\n"
	m.Submit(t, "anna", []string{m.Address("shop")}, raw)
	m.Login("shop").WaitMails(t, "INBOX", 1)
	got, _ := receive(t, ch, "", 1)
	if len(got.Messages) != 1 {
		t.Fatalf("%d messages, skipped %v", len(got.Messages), got.Skipped)
	}
	msg := got.Messages[0]
	t.Run("ReplyToBesideTheSender", func(t *testing.T) {
		if msg.Author.Handle != "anna@localhost" || msg.ReplyAddress != "familie@localhost" {
			t.Fatalf("handle %q, reply address %q", msg.Author.Handle, msg.ReplyAddress)
		}
	})
	t.Run("AttachmentAndOriginal", func(t *testing.T) {
		if len(msg.Attachments) != 2 {
			t.Fatalf("%d files: %+v", len(msg.Attachments), msg.Attachments)
		}
		orig, pdf := msg.Attachments[0], msg.Attachments[1]
		if !orig.Original || !bytes.Contains(orig.Data, []byte("Message-ID: <f1@localhost>")) || orig.Size != int64(len(orig.Data)) {
			t.Fatalf("original %q (%d bytes)", orig.Name, orig.Size)
		}
		if pdf.Name != "Rechnung 4711.pdf" || pdf.Type != "application/pdf" || !bytes.HasPrefix(pdf.Data, []byte("%PDF-1.4\n%")) || pdf.Size != int64(len(pdf.Data)) {
			t.Fatalf("attachment %q %q %q", pdf.Name, pdf.Type, pdf.Data)
		}
		if strings.Contains(msg.Text, "Rechnung 4711.pdf") {
			t.Fatalf("the file is listed in the text as well: %q", msg.Text)
		}
	})
	t.Run("AutoReplyIsMarked", func(t *testing.T) {
		mailer, ok := ch.(interface {
			SendAutoReply(context.Context, *resonanz.AutoReply) error
		})
		if !ok {
			t.Fatal("the email channel sends no automatic mails")
		}
		if err := mailer.SendAutoReply(context.Background(), &resonanz.AutoReply{To: "anna@localhost", Subject: "Wir haben Ihre Nachricht erhalten (Vorgangsnummer 7)",
			Text: "Ihre Vorgangsnummer: 7"}); err != nil {
			t.Fatal(err)
		}
		mails := m.Login("anna").WaitMails(t, "INBOX", 1)
		h := header(t, mails[0].Raw)
		subject, _ := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
		if h.Get("Auto-Submitted") != "auto-replied" || subject != "Wir haben Ihre Nachricht erhalten (Vorgangsnummer 7)" || h.Get("In-Reply-To") != "" {
			t.Fatalf("headers %v", h)
		}
	})
}
