package webhook_test

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/webhook"
)

// receiver is a real HTTP endpoint that checks signatures as an integrator would.
type receiver struct {
	mu       sync.Mutex
	attempts int
	events   []string
	payloads []webhook.Payload
	fail     int // answer status this many times first
	status   int
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
	r.attempts++
	if r.fail > 0 {
		r.fail--
		http.Error(w, "not now", r.status)
		return
	}
	var p webhook.Payload
	json.Unmarshal(body, &p)
	r.events = append(r.events, req.Header.Get(webhook.HeaderEvent))
	r.payloads = append(r.payloads, p)
}

func (r *receiver) heard() (attempts int, events []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.attempts, append([]string(nil), r.events...)
}

// recorder is the store's queue, remembering what it was given.
type recorder struct {
	*store.DB
	news []*resonanz.AlertNews
}

func (r *recorder) EnqueueAlertNews(ctx context.Context, n *resonanz.AlertNews) error {
	r.news = append(r.news, n)
	return r.DB.EnqueueAlertNews(ctx, n)
}

func TestNotifier(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	q := &recorder{DB: db}
	newNotifier := func() *webhook.Notifier {
		return &webhook.Notifier{URLs: []string{"http://hooks.example/a", "http://hooks.example/b"}, BaseURL: "http://resonanz.example",
			Alerts: db, Queue: q, Mail: func(p webhook.Payload) *resonanz.AlertMail { return &resonanz.AlertMail{Subject: p.Event} }}
	}
	n := newNotifier()
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
		func() error { n = newNotifier(); return nil },                            // a restart: nothing is repeated
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
	if len(q.news) != len(want) {
		t.Fatalf("queued %d news, want %v", len(q.news), want)
	}
	for i, news := range q.news {
		var p webhook.Payload
		if err := json.Unmarshal(news.Payload, &p); err != nil {
			t.Fatal(err)
		}
		if news.Event != want[i] || p.Event != want[i] || len(news.URLs) != 2 {
			t.Fatalf("news %d: %s / %s to %v, want %s", i, news.Event, p.Event, news.URLs, want[i])
		}
		if mailed := news.Mail != nil; mailed != (i < 2) {
			t.Errorf("news %s: mail %v", news.Event, news.Mail)
		}
		if i == 1 && (p.Alert.Count != 90 || p.URL != "http://resonanz.example/alerts/"+strconv.FormatInt(a.ID, 10)) {
			t.Fatalf("escalation payload %+v", p)
		}
	}
}
