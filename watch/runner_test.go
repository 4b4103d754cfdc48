package watch_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/watch"
)

// heldHistory is the store's history, replayed only once release is closed.
type heldHistory struct {
	*store.DB
	release chan struct{}
}

func (h heldHistory) ReplayComplaints(ctx context.Context, since time.Time, fn func(*resonanz.Message) error) error {
	<-h.release
	return h.DB.ReplayComplaints(ctx, since, fn)
}

// A storm that arrives while the runner still learns from the stored
// history raises no alert then, and its one alert once the runner is warm.
func TestRunnerObservesWhatArrivedWhileWarming(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	now := time.Now()
	stored(t, db, "quiet", every(now.Add(-10*24*time.Hour), now.Add(-time.Hour), 3*time.Hour), "app")
	mon, err := watch.NewMonitor(watch.DefaultConfig(), db, events.NewBus())
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	r, err := watch.StartRunner(ctx, mon, heldHistory{db, release}, slog.New(slog.NewTextHandler(io.Discard, nil)), false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Stop()
	if !r.Warming() {
		t.Fatal("the runner says it is warm before the history is replayed")
	}
	r.Observe(ingested(t, db, "storm", every(now.Add(-time.Hour), now, 45*time.Second), "app"))
	if alerts, err := db.FindAlerts(ctx, false); err != nil || len(alerts) != 0 {
		t.Fatalf("alerts before the runner is warm: %v %v", alerts, err)
	}

	close(release)
	<-r.Warm()
	if r.Warming() {
		t.Fatal("the runner still says it is warming")
	}
	alerts, err := storetest.AlertsWithRooms(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 || alerts[0].Key != "app" || alerts[0].Messages < 70 {
		t.Fatalf("the storm sent while the runner warmed up raised %+v, want one alert about the app with its 80 messages", alerts)
	}
}
