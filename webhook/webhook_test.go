package webhook_test

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/webhook"
)

// receiver is a real HTTP endpoint that checks signatures as an integrator would.
type receiver struct {
	mu       sync.Mutex
	events   []string
	payloads []webhook.Payload
	fail     int // answer 500 this many times first
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	ts, _ := strconv.ParseInt(req.Header.Get(webhook.HeaderTimestamp), 10, 64)
	want := webhook.Sign("s3cret", ts, body)
	if !hmac.Equal([]byte(req.Header.Get(webhook.HeaderSignature)), []byte(want)) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail > 0 {
		r.fail--
		http.Error(w, "try later", http.StatusInternalServerError)
		return
	}
	var p webhook.Payload
	json.Unmarshal(body, &p)
	r.events = append(r.events, req.Header.Get(webhook.HeaderEvent))
	r.payloads = append(r.payloads, p)
}

func TestNotifier(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	rec := &receiver{fail: 1}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	n := &webhook.Notifier{URLs: []string{srv.URL}, Secret: "s3cret", BaseURL: "http://resonanz.example", Alerts: db,
		Client: srv.Client(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now, Retry: 10 * time.Millisecond}
	lead := &resonanz.User{Login: "lea", Name: "Lea", Role: resonanz.RoleLead}
	if err := db.CreateUser(ctx, lead, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	a := &resonanz.Alert{Key: "app", Severity: 2, Count: 20, Window: time.Hour, Ratio: 6, Channels: 2, Authors: 20,
		FirstSeen: time.Now(), LastSeen: time.Now()}
	steps := []func() error{
		func() error { return db.SaveAlert(ctx, a) },
		func() error { a.Count = 25; return db.SaveAlert(ctx, a) },                // same severity: nothing new
		func() error { a.Severity, a.Count = 4, 90; return db.SaveAlert(ctx, a) }, // escalated
		func() error { return db.SetAlertStatus(ctx, a.ID, lead, resonanz.AlertAcknowledged) },
		func() error { return db.SetAlertStatus(ctx, a.ID, lead, resonanz.AlertResolved) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
		if err := n.Notify(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"alert.raised", "alert.escalated", "alert.acknowledged", "alert.resolved"}
	if len(rec.events) != len(want) {
		t.Fatalf("receiver heard %v, want %v", rec.events, want)
	}
	for i := range want {
		if rec.events[i] != want[i] || rec.payloads[i].Event != want[i] {
			t.Fatalf("delivery %d: %s / %s, want %s", i, rec.events[i], rec.payloads[i].Event, want[i])
		}
	}
	if p := rec.payloads[1]; p.Alert.Count != 90 || p.URL != "http://resonanz.example/alerts/"+strconv.FormatInt(a.ID, 10) {
		t.Fatalf("escalation payload %+v", p)
	}
}

func TestNotifierGivesUp(t *testing.T) {
	db := storetest.Open(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	a := &resonanz.Alert{Key: "app", Severity: 2, FirstSeen: time.Now(), LastSeen: time.Now()}
	if err := db.SaveAlert(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	n := &webhook.Notifier{URLs: []string{srv.URL}, Secret: "s3cret", Alerts: db, Client: srv.Client(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now, Retry: 10 * time.Millisecond}
	if err := n.Notify(context.Background(), a.ID); err == nil {
		t.Fatal("a receiver that is down did not give an error")
	}
}
