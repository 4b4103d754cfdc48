package watch_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/watch"
	"github.com/resonanz/resonanz/webhook"
)

// hooks records the events a webhook receiver is told.
type hooks struct {
	mu     sync.Mutex
	events []string
}

func (h *hooks) DeliverWebhook(_ context.Context, d resonanz.WebhookDelivery) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, d.Event)
	return nil
}

func (h *hooks) told() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.events)
}

// A mild storm (four times the usual, 48 people) raises an alert; a storm
// fifteen times the usual within its cool-down raises its figures and
// severity and is announced as an escalation, or, once the alert is
// resolved, raises a new one.
func TestMonitorEscalatesBiggerStormWithinCooldown(t *testing.T) {
	for _, tc := range []struct {
		name    string
		resolve bool
	}{{"OpenAlert", false}, {"ResolvedAlert", true}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t)
			bus := events.NewBus()
			news, cancel := bus.Subscribe()
			defer cancel()
			rec := &hooks{}
			storetest.StartJobs(t, db, func(q *jobs.Queue) {
				jobs.Add(q, &webhook.Worker{Deliverer: rec, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			})
			notifier := &webhook.Notifier{URLs: []string{"http://hooks.example/storms"}, Alerts: db, Queue: db,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
			notify := func() {
				for {
					select {
					case e := <-news:
						if err := notifier.Notify(ctx, e.AlertID); err != nil {
							t.Fatal(err)
						}
					default:
						return
					}
				}
			}
			mon, err := watch.NewMonitor(watch.DefaultConfig(), db, bus)
			if err != nil {
				t.Fatal(err)
			}
			// Six messages an hour on the topic for ten days.
			var quiet []watch.Observed
			for i, at := range every(stormStart.Add(-10*24*time.Hour), stormStart, 10*time.Minute) {
				quiet = append(quiet, watch.Observed{MessageID: int64(-1 - i), Channel: "forum", Author: fmt.Sprint("@q", i), Text: "Frage zur App",
					Time: at, Analysis: resonanz.Analysis{Sentiment: resonanz.Negative, Topics: []string{"app"}}})
			}
			mon.Replay(quiet)

			mild := stored(t, db, "mild", every(stormStart, stormStart.Add(2*time.Hour), 150*time.Second), "app")
			if err := mon.Observe(ctx, mild); err != nil {
				t.Fatal(err)
			}
			notify()
			alerts, _ := storetest.AlertsWithRooms(ctx, db, true)
			if len(alerts) != 1 {
				t.Fatalf("%d alerts for the mild storm, want 1", len(alerts))
			}
			first := alerts[0]
			if tc.resolve {
				lead := &resonanz.User{Login: "lea", Role: resonanz.RoleLead}
				if err := db.CreateUser(ctx, lead, "correct horse battery"); err != nil {
					t.Fatal(err)
				}
				if err := db.SetAlertStatus(ctx, first.ID, lead, resonanz.AlertResolved); err != nil {
					t.Fatal(err)
				}
				notify()
			}

			bigStart := stormStart.Add(2*time.Hour + 30*time.Minute)
			big := stored(t, db, "big", every(bigStart, bigStart.Add(time.Hour), 40*time.Second), "app")
			if err := mon.Observe(ctx, big); err != nil {
				t.Fatal(err)
			}
			notify()
			alerts, _ = storetest.AlertsWithRooms(ctx, db, true)
			if tc.resolve {
				if len(alerts) != 2 {
					t.Fatalf("%d alerts, want the resolved one and a new one for the big storm", len(alerts))
				}
				again, _ := db.FindAlertByID(ctx, first.ID)
				if again.Messages != first.Messages {
					t.Errorf("the resolved alert grew from %d to %d messages", first.Messages, again.Messages)
				}
				return
			}
			if len(alerts) != 1 {
				t.Fatalf("%d alerts, want the mild storm's alert escalated", len(alerts))
			}
			got := alerts[0]
			if got.Ratio < 2*first.Ratio || got.Severity <= first.Severity || got.Messages != len(mild)+len(big) {
				t.Errorf("alert after the big storm: ratio %.1f, severity %d, %d messages; before: ratio %.1f, severity %d; want the ratio at least twice as high, a higher severity and %d messages",
					got.Ratio, got.Severity, got.Messages, first.Ratio, first.Severity, len(mild)+len(big))
			}
			want := []string{"alert.raised", "alert.escalated"}
			for deadline := time.Now().Add(10 * time.Second); len(rec.told()) < len(want) && time.Now().Before(deadline); {
				time.Sleep(50 * time.Millisecond)
			}
			if told := rec.told(); fmt.Sprint(told) != fmt.Sprint(want) {
				t.Errorf("webhook told %v, want %v", told, want)
			}
		})
	}
}
