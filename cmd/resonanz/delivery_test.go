package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/mail/smtp/smtptest"
	"github.com/resonanz/resonanz/webhook"
)

func startMainWith(t *testing.T, cfg Config) *Main {
	t.Helper()
	m := NewMain(cfg)
	m.Stdout, m.Logger = io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-m.Warm() // the storm monitor knows the stored history
	return m
}

// raiseAlert stores an alert and announces it, as the storm monitor does.
func raiseAlert(t *testing.T, m *Main) *resonanz.Alert {
	t.Helper()
	a := &resonanz.Alert{Key: "app", Severity: 3, Count: 46, Window: time.Hour, Expected: 5, Ratio: 9, Channels: 3, Authors: 40,
		TopTerms: []string{"appdesaster"}, FirstSeen: time.Now().Add(-time.Hour), LastSeen: time.Now()}
	must(t, m.DB.SaveAlert(context.Background(), a))
	m.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: a.ID})
	return a
}

// flakyReceiver answers 503 until it is up, and checks signatures.
type flakyReceiver struct {
	mu        sync.Mutex
	up        bool
	attempts  int
	delivered []string // events
}

func (r *flakyReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	ts, _ := strconv.ParseInt(req.Header.Get(webhook.HeaderTimestamp), 10, 64)
	if req.Header.Get(webhook.HeaderSignature) != webhook.Sign("s3cret", ts, body) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.attempts++
	if !r.up {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	r.delivered = append(r.delivered, req.Header.Get(webhook.HeaderEvent))
}

func (r *flakyReceiver) state() (attempts int, delivered []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.attempts, slices.Clone(r.delivered)
}

// TestWebhookSurvivesRestart: news that could not be delivered before
// resonanz stopped is delivered after it starts again, once.
func TestWebhookSurvivesRestart(t *testing.T) {
	rec := &flakyReceiver{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	cfg := Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Webhooks: []string{srv.URL}, WebhookSecret: "s3cret", AllowOutbound: []string{"127.0.0.1"},
		DeliveryBackoff: func(int) time.Duration { return time.Second }}
	m := startMainWith(t, cfg)
	raiseAlert(t, m)
	waitUntil(t, "the first attempt fails", func() bool { n, _ := rec.state(); return n > 0 })
	must(t, m.Close())
	rec.mu.Lock()
	rec.up = true
	rec.mu.Unlock()

	m = startMainWith(t, cfg)
	defer m.Close()
	waitUntil(t, "the news arrives after the restart", func() bool { _, got := rec.state(); return len(got) > 0 })
	time.Sleep(1500 * time.Millisecond) // long enough for a wrong repeat to arrive
	attempts, got := rec.state()
	if !slices.Equal(got, []string{"alert.raised"}) || attempts < 2 {
		t.Fatalf("after %d attempts the receiver has %v; want alert.raised once", attempts, got)
	}
}

// TestAlertEmail: a raised alert reaches the configured addresses by mail,
// with a link to its crisis room.
func TestAlertEmail(t *testing.T) {
	smtp, err := smtptest.NewServer()
	must(t, err)
	defer smtp.Close()
	to := []string{"lea@example.org", "krisenstab@example.org"}
	m := startMainWith(t, Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), AlertEmail: to, SMTP: smtp.Addr, SMTPFrom: "resonanz@example.org"})
	defer m.Close()
	a := raiseAlert(t, m)
	var got smtptest.Mail
	select {
	case got = <-smtp.Mails:
	case <-time.After(20 * time.Second):
		t.Fatal("no mail arrived for the alert")
	}
	msg, err := mail.ReadMessage(bytes.NewReader(got.Data))
	must(t, err)
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	must(t, err)
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	must(t, err)
	link := m.URL() + "/alerts/" + strconv.FormatInt(a.ID, 10)
	if !slices.Equal(got.To, to) || got.From != "resonanz@example.org" {
		t.Errorf("mail from %s to %v", got.From, got.To)
	}
	if want := "[resonanz] Sturmwarnung: app — 46 negative Nachrichten in 60 min"; subject != want {
		t.Errorf("subject %q, want %q", subject, want)
	}
	if !strings.Contains(string(body), "Krisenraum: "+link) || !strings.Contains(string(body), "Crisis room: "+link) {
		t.Errorf("body lacks the link %s:\n%s", link, body)
	}
}

func TestMailConfig(t *testing.T) {
	ok := Config{AlertEmail: []string{"lea@example.org"}, SMTP: "mail.example.org:587", SMTPFrom: "resonanz@example.org"}
	must(t, ok.check())
	for name, change := range map[string]func(c *Config){
		"NoServer":       func(c *Config) { c.SMTP = "" },
		"NoPort":         func(c *Config) { c.SMTP = "mail.example.org" },
		"NoSender":       func(c *Config) { c.SMTPFrom = "" },
		"BadRecipient":   func(c *Config) { c.AlertEmail = []string{"lea"} },
		"UserNoPassword": func(c *Config) { c.SMTPUser = "resonanz" },
	} {
		c := ok
		change(&c)
		if err := c.check(); err == nil {
			t.Errorf("%s: config %+v accepted", name, c)
		}
	}
}

func TestMailFlags(t *testing.T) {
	t.Setenv("RESONANZ_ALERT_EMAIL", "alt@example.org")
	t.Setenv("RESONANZ_SMTP", "mail.example.org:587")
	var c Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	serveFlags(fs, &c)
	must(t, fs.Parse([]string{"--alert-email", "lea@example.org, krisenstab@example.org", "--alert-email", "ben@example.org"}))
	if want := []string{"lea@example.org", "krisenstab@example.org", "ben@example.org"}; !slices.Equal(c.AlertEmail, want) || c.SMTP != "mail.example.org:587" {
		t.Fatalf("alert email %v via %q; want %v via the variable's server", c.AlertEmail, c.SMTP, want)
	}
}
