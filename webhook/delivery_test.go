package webhook_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/webhook"
)

// syncBuffer is a log that the job workers write while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startDeliveries raises an alert and lets the store's jobs deliver its news
// to rec, with short pauses between attempts.
func startDeliveries(t *testing.T, rec *receiver) (*store.DB, *syncBuffer) {
	t.Helper()
	ctx := context.Background()
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	db := storetest.Open(t)
	log := &syncBuffer{}
	storetest.StartJobs(t, db, func(q *jobs.Queue) {
		jobs.Add(q, &webhook.Worker{Deliverer: &webhook.Sender{Secret: "s3cret", Client: srv.Client(), Now: time.Now},
			Backoff: func(int) time.Duration { return 50 * time.Millisecond }, Logger: slog.New(slog.NewTextHandler(log, nil))})
	})
	a := &resonanz.Alert{Key: "app", Severity: 3, Count: 46, Window: time.Hour, FirstSeen: time.Now(), LastSeen: time.Now()}
	if err := db.SaveAlert(ctx, a); err != nil {
		t.Fatal(err)
	}
	n := &webhook.Notifier{URLs: []string{srv.URL}, Alerts: db, Queue: db}
	if err := n.Notify(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	return db, log
}

// A receiver that is down for the first attempts gets the news once it is up, exactly once.
func TestDeliveryRetriesUntilReceiverIsUp(t *testing.T) {
	rec := &receiver{fail: 2, status: http.StatusServiceUnavailable}
	_, log := startDeliveries(t, rec)
	waitFor(t, "the delivery arrives", func() bool { _, events := rec.heard(); return len(events) > 0 })
	time.Sleep(time.Second) // long enough for a wrong repeat to arrive
	attempts, events := rec.heard()
	if attempts != 3 || len(events) != 1 || events[0] != "alert.raised" {
		t.Fatalf("%d attempts brought %v; want 3 attempts, alert.raised once", attempts, events)
	}
	if !strings.Contains(log.String(), `msg="webhook delivered"`) || !strings.Contains(log.String(), "attempt=3") {
		t.Fatalf("the log does not tell the third attempt delivered:\n%s", log)
	}
}

// A receiver that answers 410 Gone is not asked again.
func TestDeliveryRefused(t *testing.T) {
	rec := &receiver{fail: 100, status: http.StatusGone}
	_, log := startDeliveries(t, rec)
	waitFor(t, "the first attempt", func() bool { attempts, _ := rec.heard(); return attempts > 0 })
	time.Sleep(1500 * time.Millisecond) // several pauses between attempts
	if attempts, _ := rec.heard(); attempts != 1 {
		t.Fatalf("a receiver that answered 410 was tried %d times", attempts)
	}
	waitFor(t, "the refusal is logged", func() bool { return strings.Contains(log.String(), "refused; not tried again") })
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out: %s", what)
		}
	}
}
