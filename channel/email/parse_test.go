package email

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func parseFile(t *testing.T, name string) *Mail {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestParse(t *testing.T) {
	t.Run("QuotedPrintableReplyWithQuoteAndSignature", func(t *testing.T) {
		m := parseFile(t, "reply-de.eml")
		want := "Danke, das Paket ist heute angekommen. Aber die Größe stimmt nicht.\n\nViele Grüße\nAnna"
		if m.Text != want {
			t.Errorf("text %q, want %q", m.Text, want)
		}
		if m.MessageID != "CAF1234.abc@mail.example.org" || m.InReplyTo != "resonanz.reply-1.ab12@shop.example" ||
			len(m.References) != 2 || m.References[1] != m.InReplyTo {
			t.Errorf("ids %q %q %q", m.MessageID, m.InReplyTo, m.References)
		}
		if m.From.Address != "anna.mueller@example.org" || m.From.Name != "Anna Müller" || m.Subject != "Re: Bestellung 4711" || m.Auto != "" {
			t.Errorf("from %+v subject %q auto %q", m.From, m.Subject, m.Auto)
		}
		if m.Date.IsZero() {
			t.Error("no date")
		}
	})
	t.Run("HTMLInLatin1", func(t *testing.T) {
		m := parseFile(t, "html-latin1.eml")
		want := "Ich möchte die Jacke zurückgeben.\n\nSiehe meine Bestellung (https://shop.example/order/4711).\nGrüße & Dank"
		if m.Text != want || m.Subject != "Rückgabe" {
			t.Errorf("text %q (want %q), subject %q", m.Text, want, m.Subject)
		}
		if strings.Contains(m.Text, "alert") || strings.Contains(m.Text, "color") {
			t.Errorf("script or style came through: %q", m.Text)
		}
	})
	t.Run("Windows1252", func(t *testing.T) {
		if m := parseFile(t, "windows-1252.eml"); m.Text != "Der Preis von 20 € stimmt nicht „genau“." {
			t.Errorf("text %q", m.Text)
		}
	})
	t.Run("AttachmentsNotedWithSafeNames", func(t *testing.T) {
		m := parseFile(t, "attachment.eml")
		if m.Text != "Anbei die Rechnung." {
			t.Errorf("text %q", m.Text)
		}
		if len(m.Attachments) != 2 {
			t.Fatalf("attachments %+v", m.Attachments)
		}
		if a := m.Attachments[0]; a.Name != "Rechnung März.pdf" || a.Type != "application/pdf" || a.Size != 1300 ||
			len(a.Data) != 1300 || !strings.HasPrefix(string(a.Data), "%PDF-1.4 fake") {
			t.Errorf("attachment %+v", a)
		}
		if a := m.Attachments[1]; a.Name != "attachment.png" {
			t.Errorf("unnamed attachment %+v", a)
		}
	})
	t.Run("OutlookHistoryCut", func(t *testing.T) {
		if m := parseFile(t, "outlook.eml"); m.Text != "Die Lieferung fehlt immer noch." {
			t.Errorf("text %q", m.Text)
		}
	})
	t.Run("AutoReplyAndBounceRecognised", func(t *testing.T) {
		if m := parseFile(t, "autoreply.eml"); !strings.Contains(m.Auto, "auto-submitted") {
			t.Errorf("auto-reply: %q", m.Auto)
		}
		if m := parseFile(t, "bounce.eml"); !strings.Contains(m.Auto, "bounce") {
			t.Errorf("bounce: %q", m.Auto)
		}
	})
	t.Run("BrokenMailReadAsWellAsItCan", func(t *testing.T) {
		m := parseFile(t, "broken.eml")
		if !utf8.ValidString(m.Text) || m.Subject != "kaputt ü" || m.Text != "Hallo Welt" || m.From.Address != "" {
			t.Errorf("%+v", m)
		}
	})
}

func TestParseLimits(t *testing.T) {
	t.Run("TenThousandParts", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("From: a@example.com\r\nMessage-ID: <many@example.com>\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n")
		b.WriteString("--x\r\nContent-Type: text/plain\r\n\r\nHallo\r\n")
		for i := range 10000 {
			fmt.Fprintf(&b, "--x\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=f%d.bin\r\n\r\nx\r\n", i)
		}
		b.WriteString("--x--\r\n")
		m, err := Parse(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if m.Text != "Hallo" || len(m.Attachments) >= maxParts || m.Incomplete == "" {
			t.Fatalf("text %q, %d attachments, incomplete %q", m.Text, len(m.Attachments), m.Incomplete)
		}
	})
	t.Run("NestedDeep", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n")
		for i := 1; i < 1000; i++ {
			fmt.Fprintf(&b, "--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n", i-1, i)
		}
		m, err := Parse(strings.NewReader(b.String()))
		if err != nil || m.Incomplete == "" {
			t.Fatalf("%v, incomplete %q", err, m.Incomplete)
		}
	})
	t.Run("HugeHeader", func(t *testing.T) {
		_, err := Parse(strings.NewReader("Subject: " + strings.Repeat("x", 2*maxHeader) + "\r\n\r\nbody"))
		if err == nil {
			t.Fatal("a header over the limit was read")
		}
	})
}

func TestFoldQuotes(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"English", "Thanks!\n\nOn Mon, Jun 3, 2024 at 10:00 AM Shop <s@shop.example> wrote:\n> old", "Thanks!"},
		{"BrokenAcrossTwoLines", "Thanks!\n\nOn Mon, Jun 3, 2024 at 10:00 AM Shop <s@shop.example>\nwrote:\n> old", "Thanks!"},
		{"AnswersBetweenQuotes", "> Wann?\nMorgen.\n> Wo?\nHier.", "Morgen.\nHier."},
		{"OnlyAQuote", "> alles alt", "> alles alt"},
		{"Signature", "Hallo\n-- \nFirma GmbH", "Hallo"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := foldQuotes(tc.in); got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
}

func TestReplyTo(t *testing.T) {
	for header, want := range map[string]string{
		"":                              "",
		"Familie <Familie@Example.org>": "familie@example.org",
		"a@example.org, b@example.org":  "a@example.org",
		"=?utf-8?q?M=C3=BCller?= <m@example.org>": "m@example.org",
		"kaputt <x@example.org":                   "x@example.org",
		"<x@example.org>\r\nBcc: y@example.org":   "x@example.org",
		"undisclosed-recipients:;":                "",
	} {
		raw := "From: kim@example.org\r\nReply-To: " + header + "\r\nSubject: x\r\n\r\nhallo\r\n"
		m, err := Parse(strings.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if m.ReplyTo.Address != want {
			t.Errorf("Reply-To %q read as %q, want %q", header, m.ReplyTo.Address, want)
		}
	}
}
