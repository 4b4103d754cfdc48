package watch_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/watch"
)

// A storm that went quiet closes itself, and the next storm on its topic
// raises an alert of its own.
func TestQuietCloserClosesQuietStorms(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	bus := events.NewBus()
	mon, err := watch.NewMonitor(watch.DefaultConfig(), db, bus)
	if err != nil {
		t.Fatal(err)
	}
	mon.Replay(stored(t, db, "quiet", every(stormStart.Add(-10*24*time.Hour), stormStart, 3*time.Hour), "app"))
	if err := mon.Observe(ctx, stored(t, db, "storm", every(stormStart, stormStart.Add(time.Hour), 45*time.Second), "app")); err != nil {
		t.Fatal(err)
	}
	first, _ := db.FindAlerts(ctx, false)
	if len(first) != 1 {
		t.Fatalf("%d alerts for the storm", len(first))
	}
	news, cancel := bus.Subscribe()
	defer cancel()
	now := stormStart.Add(time.Hour + 47*time.Hour)
	q := &watch.QuietCloser{Alerts: db, Events: bus, Quiet: 48 * time.Hour, Now: func() time.Time { return now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}

	if ids, err := q.Close(ctx); err != nil || len(ids) != 0 {
		t.Fatalf("closed %v, %v after 47 quiet hours", ids, err)
	}
	now = now.Add(2 * time.Hour)
	if ids, err := q.Close(ctx); err != nil || !slices.Equal(ids, []int64{first[0].ID}) {
		t.Fatalf("closed %v, %v after 49 quiet hours, want alert %d", ids, err, first[0].ID)
	}
	if e := <-news; e.AlertID != first[0].ID {
		t.Fatalf("announced %+v", e)
	}
	if err := mon.Observe(ctx, stored(t, db, "again", every(now, now.Add(time.Hour), 45*time.Second), "app")); err != nil {
		t.Fatal(err)
	}
	open, _ := db.FindAlerts(ctx, false)
	if len(open) != 1 || open[0].ID == first[0].ID || open[0].Status != resonanz.AlertOpen {
		t.Fatalf("open alerts after a new storm: %+v", open)
	}
}
