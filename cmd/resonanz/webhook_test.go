package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz/webhook"
)

// A storm sent through the API reaches the company's other systems as a
// signed webhook.
func TestStormWebhook(t *testing.T) {
	got := make(chan webhook.Payload, 10)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts, _ := strconv.ParseInt(r.Header.Get(webhook.HeaderTimestamp), 10, 64)
		if r.Header.Get(webhook.HeaderSignature) != webhook.Sign("s3cret", ts, body) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var p webhook.Payload
		json.Unmarshal(body, &p)
		got <- p
	}))
	defer receiver.Close()

	var out bytes.Buffer
	m := NewMain(Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Webhooks: []string{receiver.URL}, WebhookSecret: "s3cret", AllowOutbound: []string{"127.0.0.1"}})
	m.Stdout, m.Logger = &out, slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	token, _ := m.DB.CreateAPIToken(context.Background(), "test")
	quiet, storm := stormTraffic(time.Now())
	sendMessages(t, m.URL(), token, quiet...)
	sendMessages(t, m.URL(), token, storm...)
	select {
	case p := <-got:
		if p.Event != "alert.raised" || p.Alert.Key != "app" || !strings.HasPrefix(p.URL, m.URL()+"/alerts/") {
			t.Fatalf("webhook payload %+v", p)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no webhook arrived for the storm")
	}
}

func TestWebhookNeedsSecret(t *testing.T) {
	for _, cfg := range []Config{
		{Webhooks: []string{"http://example.org/hook"}},
		{Webhooks: []string{"ftp://example.org/hook"}, WebhookSecret: "x"},
	} {
		if err := cfg.check(); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
}
