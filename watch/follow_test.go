package watch_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/watch"
)

// waitFor polls until ok holds; the follower reads the store every few
// milliseconds here, so a minute only bounds a failure.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
	}
}

func follower(t *testing.T, db *store.DB) *watch.Runner {
	t.Helper()
	mon, err := watch.NewMonitor(watch.DefaultConfig(), db, events.NewBus())
	if err != nil {
		t.Fatal(err)
	}
	r, err := watch.StartFollower(context.Background(), mon, db, slog.New(slog.NewTextHandler(io.Discard, nil)), 5*time.Millisecond, false)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The monitor of a cluster sees what other nodes stored, and a node that
// takes over from it rebuilds its state from the store: the storm keeps
// its one alert.
func TestFollowerSeesWhatOtherNodesStored(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	now := time.Now()
	stored(t, db, "quiet", every(now.Add(-10*24*time.Hour), now.Add(-2*time.Hour), 3*time.Hour), "app")
	first := follower(t, db)
	<-first.Warm()

	ingested(t, db, "storm", every(now.Add(-2*time.Hour), now.Add(-time.Hour), 45*time.Second), "app") // stored by another node
	var alertID int64
	waitFor(t, "the follower raised no alert for the storm another node stored", func() bool {
		alerts, err := db.FindAlerts(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(alerts) == 1 {
			alertID = alerts[0].ID
		}
		return len(alerts) == 1 && alerts[0].Key == "app"
	})
	first.Stop()

	ingested(t, db, "more", every(now.Add(-time.Hour), now, 45*time.Second), "app") // stored while no node led
	second := follower(t, db)
	defer second.Stop()
	<-second.Warm()
	waitFor(t, "the node that took over never counted what was stored meanwhile", func() bool {
		alerts, err := storetest.AlertsWithRooms(ctx, db, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(alerts) != 1 || alerts[0].ID != alertID {
			t.Fatalf("after the take-over: %+v, want the one alert %d", alerts, alertID)
		}
		return alerts[0].Messages >= 150
	})
}
