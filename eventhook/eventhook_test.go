package eventhook_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/eventhook"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/route"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/survey"
	"github.com/resonanz/resonanz/webhook"
)

// subscriber is a receiver on loopback that checks every signature and
// counts the events it accepted; it refuses the first attempt of the first
// event, as a receiver that restarts would.
type subscriber struct {
	secret string
	mu     sync.Mutex
	got    map[string][]string // event kind → event ids accepted
	bad    []string            // what was wrong with requests
	failed bool
}

func (s *subscriber) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	ts, _ := strconv.ParseInt(r.Header.Get(webhook.HeaderTimestamp), 10, 64)
	var p eventhook.Payload
	switch {
	case r.Header.Get(webhook.HeaderSignature) != webhook.Sign(s.secret, ts, body):
		s.bad = append(s.bad, "bad signature on "+r.Header.Get(webhook.HeaderEvent))
		w.WriteHeader(http.StatusUnauthorized)
		return
	case json.Unmarshal(body, &p) != nil || p.Event != r.Header.Get(webhook.HeaderEvent) || p.ID != r.Header.Get(eventhook.HeaderEventID):
		s.bad = append(s.bad, "body and headers disagree: "+string(body))
	}
	if !s.failed {
		s.failed = true
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	s.got[p.Event] = append(s.got[p.Event], p.ID)
}

func (s *subscriber) kinds() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.got)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestEveryEventOnceAcrossRestart makes one event of each kind, half of them
// before resonanz stops with their deliveries still queued, half after it
// starts again, and checks that the subscriber accepted each kind exactly
// once, signed, and that the delivery log says so.
func TestEveryEventOnceAcrossRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "resonanz.db")
	db, err := store.Open(ctx, path)
	must(t, err)
	storetest.Queue(t, db)
	sub := &subscriber{got: map[string][]string{}}
	receiver := httptest.NewServer(sub)
	defer receiver.Close()
	s := &resonanz.EventSubscription{URL: receiver.URL + "/hooks", Events: resonanz.EventKinds}
	sub.secret, err = db.Subscribe(ctx, s)
	must(t, err)

	ann := &resonanz.User{Login: "ann", Name: "Ann", Role: resonanz.RoleAgent}
	must(t, db.CreateUser(ctx, ann, "secret-password-1"))
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "1", Author: resonanz.Author{Handle: "k@example.org"},
		Text: "Paket fehlt", Visibility: resonanz.Private, Time: time.Now()}})
	must(t, err)
	conv := res[0].ConversationID
	must(t, db.UpdateConversation(ctx, conv, ann, resonanz.ConversationUpdate{OwnerID: &ann.ID}))
	due := &resonanz.Promise{ConversationID: conv, Text: "Rückruf", DueAt: time.Now().Add(time.Hour), OwnerID: ann.ID}
	must(t, db.AddPromise(ctx, due, ann))
	_, err = db.MarkPromiseReminded(ctx, due.ID, time.Now(), nil)
	must(t, err)
	alert := &resonanz.Alert{Key: "app", Severity: 2, Count: 40, Window: time.Hour, Expected: 4, Ratio: 10, Channels: 1, Authors: 40,
		FirstSeen: time.Now(), LastSeen: time.Now()}
	must(t, db.SaveAlert(ctx, alert))
	waiting := resonanz.StatusWaiting // makes no event
	must(t, db.UpdateConversation(ctx, conv, ann, resonanz.ConversationUpdate{Status: &waiting}))
	d := &eventhook.Dispatcher{Feed: db, Logger: slog.New(slog.DiscardHandler)}
	if n, err := d.Dispatch(ctx); err != nil || n != 4 {
		t.Fatalf("before the restart %d events were queued (%v), want 4", n, err)
	}
	must(t, db.Close()) // the deliveries were queued, none was tried

	db, err = store.Open(ctx, path)
	must(t, err)
	defer db.Close()
	storetest.Queue(t, db)
	d.Feed = db
	broken := &resonanz.Promise{ConversationID: conv, Text: "Gutschrift", DueAt: time.Now().Add(time.Hour), OwnerID: ann.ID}
	must(t, db.AddPromise(ctx, broken, ann))
	must(t, db.BreakPromise(ctx, broken.ID, ann, "Lager leer"))
	alert.Severity = 3
	must(t, db.SaveAlert(ctx, alert))
	must(t, db.SetAlertStatus(ctx, alert.ID, ann, resonanz.AlertResolved))
	policy := &resonanz.SLAPolicy{Name: "Schnell", FirstResponse: time.Hour}
	must(t, db.SaveSLAPolicy(ctx, policy))
	past := time.Now().Add(-time.Minute).Truncate(time.Millisecond)
	must(t, db.ApplyRoutes(ctx, []*resonanz.RouteUpdate{{ConversationID: conv, LastEventID: 1 << 40, Routed: true,
		Decision: resonanz.RouteDecision{Priority: resonanz.PriorityNormal}, PolicyID: policy.ID, Goal: resonanz.GoalFirstResponse, Due: past}}))
	storetest.StartJobs(t, db, func(q *jobs.Queue) {
		jobs.Add(q, &eventhook.Worker{Store: db, Sender: &eventhook.Sender{Client: receiver.Client(), Now: time.Now},
			Backoff: func(int) time.Duration { return 10 * time.Millisecond }, Logger: slog.New(slog.DiscardHandler)})
		jobs.Add(q, &route.SLAWorker{Store: db})
		jobs.Add(q, &survey.Worker{Store: db})
	})
	waitFor(t, d, sub, 8) // the breach fires as the timers start
	solved := resonanz.StatusSolved
	must(t, db.UpdateConversation(ctx, conv, ann, resonanz.ConversationUpdate{Status: &solved}))
	waitFor(t, d, sub, len(resonanz.EventKinds))
	log := settledLog(t, db, s.ID)

	sub.mu.Lock()
	defer sub.mu.Unlock()
	if len(sub.bad) > 0 {
		t.Errorf("the subscriber saw bad requests: %q", sub.bad)
	}
	for _, kind := range resonanz.EventKinds {
		if ids := sub.got[kind]; len(ids) != 1 {
			t.Errorf("%s accepted %d times (%v), want once", kind, len(ids), ids)
		}
	}
	retried := 0
	for _, l := range log {
		if l.State != resonanz.DeliveryDelivered || l.LastStatus != http.StatusOK {
			t.Errorf("delivery %d of %s: %s with %d, want delivered with 200", l.ID, l.Event, l.State, l.LastStatus)
		}
		if l.Attempts == 2 {
			retried++
		}
	}
	if len(log) != len(resonanz.EventKinds) || retried != 1 {
		t.Errorf("the log has %d deliveries, %d of them tried twice; want %d and 1", len(log), retried, len(resonanz.EventKinds))
	}
}

// settledLog waits until the worker has recorded every delivery's outcome:
// the subscriber counts an event before the worker reads its answer.
func settledLog(t *testing.T, db *store.DB, subscription int64) []*resonanz.EventDelivery {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		log, err := db.FindEventDeliveries(context.Background(), subscription, 0)
		must(t, err)
		pending := false
		for _, l := range log {
			pending = pending || l.State == resonanz.DeliveryPending
		}
		if !pending || time.Now().After(deadline) {
			return log
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor dispatches until the subscriber has accepted kinds event kinds.
func waitFor(t *testing.T, d *eventhook.Dispatcher, sub *subscriber, kinds int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for sub.kinds() < kinds {
		if time.Now().After(deadline) {
			t.Fatalf("the subscriber accepted %d event kinds, want %d", sub.kinds(), kinds)
		}
		if _, err := d.Dispatch(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
