package alertmail_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/alertmail"
	"github.com/resonanz/resonanz/mail/smtp/smtptest"
)

var berlin, _ = time.LoadLocation("Europe/Berlin")

var storm = &resonanz.Alert{ID: 7, Key: "app", Severity: 3, Count: 46, Window: time.Hour, Expected: 5.2, Ratio: 8.8, Channels: 3,
	Authors: 38, TopTerms: []string{"appdesaster", "update"}, Urgent: 2, FirstSeen: time.Now()}

// readMail returns the subject and the decoded body of a received mail.
func readMail(t *testing.T, m smtptest.Mail) (subject, body string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	return subject, string(raw)
}

func TestCompose(t *testing.T) {
	m := alertmail.Compose([]string{"lea@example.org"}, "alert.raised", storm, "http://resonanz.example/alerts/7", berlin)
	if want := "[resonanz] Sturmwarnung: app — 46 negative Nachrichten in 60 min"; m.Subject != want {
		t.Errorf("subject %q, want %q", m.Subject, want)
	}
	for _, want := range []string{"Stufe 3 von 6", "üblich sind 5,2 (8,8-fach)", "38 Personen auf 3 Kanälen", "appdesaster, update",
		"Krisenraum: http://resonanz.example/alerts/7", "severity 3 of 6", "where 5.2 are usual", "Crisis room: http://resonanz.example/alerts/7"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, m.Body)
		}
	}
	tag := *storm
	tag.Key = "#shitstorm\r\nBcc: all@example.org"
	if m := alertmail.Compose(nil, "alert.escalated", &tag, "", berlin); strings.ContainsAny(m.Subject, "\r\n") || !strings.HasPrefix(m.Subject, "[resonanz] Sturm wächst") {
		t.Errorf("escalation subject %q", m.Subject)
	}
}

func TestSend(t *testing.T) {
	srv, err := smtptest.NewServer()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.User, srv.Password = "resonanz", "s3cret"
	s := &alertmail.Sender{Addr: srv.Addr, From: "resonanz@example.org", User: "resonanz", Password: "s3cret", Now: time.Now}
	to := []string{"lea@example.org", "krisenstab@example.org"}
	if err := s.SendAlertMail(context.Background(), *alertmail.Compose(to, "alert.raised", storm, "http://resonanz.example/alerts/7", berlin)); err != nil {
		t.Fatal(err)
	}
	m := <-srv.Mails
	if m.From != "resonanz@example.org" || !slices.Equal(m.To, to) || m.User != "resonanz" {
		t.Fatalf("envelope from %s to %v as %q", m.From, m.To, m.User)
	}
	subject, body := readMail(t, m)
	if !strings.HasPrefix(subject, "[resonanz] Sturmwarnung: app") || !strings.Contains(body, "Krisenraum: http://resonanz.example/alerts/7") {
		t.Fatalf("subject %q, body:\n%s", subject, body)
	}
}

func TestSendRefused(t *testing.T) {
	srv, err := smtptest.NewServer()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.RcptCode = 550
	s := &alertmail.Sender{Addr: srv.Addr, From: "resonanz@example.org", Now: time.Now}
	err = s.SendAlertMail(context.Background(), resonanz.AlertMail{To: []string{"gone@example.org"}, Subject: "x", Body: "y"})
	if err == nil || !resonanz.IsPermanent(err) {
		t.Fatalf("a refused recipient gave %v, want a permanent error", err)
	}
}
