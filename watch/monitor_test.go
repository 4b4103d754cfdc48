package watch_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/watch"
)

var stormStart = time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC) // a Monday

// stored ingests messages and returns them as the monitor observes them.
func stored(t *testing.T, db *store.DB, prefix string, times []time.Time, topic string) []watch.Observed {
	t.Helper()
	msgs, res := ingested(t, db, prefix, times, topic)
	out := make([]watch.Observed, len(msgs))
	for i, m := range msgs {
		out[i] = watch.Observed{MessageID: res[i].MessageID, Channel: m.Channel, Author: m.Author.Handle, Text: m.Text, Time: m.Time, Analysis: m.Analysis}
	}
	return out
}

// ingested ingests negative messages about topic, sent at times, as ingest hands them to its observers.
func ingested(t *testing.T, db *store.DB, prefix string, times []time.Time, topic string) ([]resonanz.IncomingMessage, []resonanz.IngestResult) {
	t.Helper()
	var msgs []resonanz.IncomingMessage
	for i, at := range times {
		m := resonanz.IncomingMessage{Channel: []string{"mastodon", "forum"}[i%2], ExternalID: fmt.Sprint(prefix, i),
			Author: resonanz.Author{Handle: fmt.Sprint("@", prefix, i)}, Text: "Warenkorb nach dem Update leer #AppDesaster",
			Time: at, Visibility: resonanz.Public}
		m.Analysis = resonanz.Analysis{Sentiment: resonanz.Negative, Topics: []string{topic}}
		if i%10 == 0 {
			m.Analysis.Urgency = []string{resonanz.UrgentPublic}
		}
		msgs = append(msgs, m)
	}
	res, err := db.Ingest(context.Background(), msgs)
	if err != nil {
		t.Fatal(err)
	}
	return msgs, res
}

// every returns times from start to end, step apart.
func every(start, end time.Time, step time.Duration) []time.Time {
	var ts []time.Time
	for at := start; at.Before(end); at = at.Add(step) {
		ts = append(ts, at)
	}
	return ts
}

func TestMonitorRaisesOneAlertPerStorm(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t) // stores the messages the monitor sees, so alerts can link to them
	bus := events.NewBus()
	news, cancel := bus.Subscribe()
	defer cancel()
	mon, err := watch.NewMonitor(watch.DefaultConfig(), db, bus)
	if err != nil {
		t.Fatal(err)
	}
	mon.Replay(stored(t, db, "quiet", every(stormStart.Add(-10*24*time.Hour), stormStart, 3*time.Hour), "app"))
	storm := stored(t, db, "storm", every(stormStart, stormStart.Add(time.Hour), 45*time.Second), "app")
	if err := mon.Observe(ctx, storm); err != nil {
		t.Fatal(err)
	}
	alerts, err := storetest.AlertsWithRooms(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 {
		t.Fatalf("%d alerts for one storm, want 1 (the topic's, not a second one for all)", len(alerts))
	}
	a := alerts[0]
	if a.Key != "app" || a.Messages < 70 || a.Authors < 70 || a.Channels != 2 || a.Severity < 4 || a.TopTerms[0] != "appdesaster" && a.TopTerms[0] != "update" {
		t.Fatalf("alert %+v", a)
	}
	if a.FirstSeen.After(stormStart.Add(15 * time.Minute)) {
		t.Fatalf("alert first seen at %s, more than 15 minutes into the storm", a.FirstSeen)
	}
	select {
	case e := <-news:
		if e.AlertID != a.ID {
			t.Fatalf("announced alert %d, want %d", e.AlertID, a.ID)
		}
	default:
		t.Fatal("the alert was not announced")
	}

	t.Run("RestartKeepsCollecting", func(t *testing.T) {
		again, _ := watch.NewMonitor(watch.DefaultConfig(), db, events.NewBus())
		again.Replay(storm)
		if err := again.Resume(ctx); err != nil {
			t.Fatal(err)
		}
		late := stored(t, db, "late", every(stormStart.Add(time.Hour), stormStart.Add(70*time.Minute), time.Minute), "app")
		if err := again.Observe(ctx, late); err != nil {
			t.Fatal(err)
		}
		all, _ := db.FindAlerts(ctx, true)
		got, _ := db.FindAlertByID(ctx, a.ID)
		if len(all) != 1 || got.Messages != a.Messages+len(late) {
			t.Fatalf("%d alerts with %d messages after restart, want 1 with %d", len(all), got.Messages, a.Messages+len(late))
		}
	})
	t.Run("ResolvedAlertGathersNoMore", func(t *testing.T) {
		lead := &resonanz.User{Login: "lea", Role: resonanz.RoleLead}
		if err := db.CreateUser(ctx, lead, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetAlertStatus(ctx, a.ID, lead, resonanz.AlertResolved); err != nil {
			t.Fatal(err)
		}
		before, _ := db.FindAlertByID(ctx, a.ID)
		more := stored(t, db, "after", every(stormStart.Add(2*time.Hour), stormStart.Add(2*time.Hour+5*time.Minute), time.Minute), "app")
		if err := mon.Observe(ctx, more); err != nil {
			t.Fatal(err)
		}
		after, _ := db.FindAlertByID(ctx, a.ID)
		if after.Messages != before.Messages {
			t.Fatalf("resolved alert grew from %d to %d messages", before.Messages, after.Messages)
		}
	})
}

func TestSeverity(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    resonanz.Alert
		want int
	}{
		{"FewCritics", resonanz.Alert{Ratio: 2.5, Authors: 6, Channels: 1}, 1},
		{"SharedCritique", resonanz.Alert{Ratio: 4, Authors: 12, Channels: 1}, 2},
		{"AcrossChannels", resonanz.Alert{Ratio: 4, Authors: 25, Channels: 2}, 3},
		{"Campaign", resonanz.Alert{Ratio: 8, Authors: 80, Channels: 3}, 4},
		{"PressThreats", resonanz.Alert{Ratio: 8, Authors: 80, Channels: 3, Urgent: 5}, 5},
		{"Media", resonanz.Alert{Ratio: 20, Authors: 300, Channels: 4, Urgent: 20}, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := watch.Severity(&tc.a); got != tc.want {
				t.Fatalf("severity %d, want %d", got, tc.want)
			}
		})
	}
}

// Many people sharing a hashtag that fits no topic raise an alert of its
// own; a few do not. Their words ("alles voll") form a term cluster from
// the same messages, which joins the hashtag's alert.
func TestMonitorFindsNewClusters(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		people int
		want   int
	}{{"Few", 10, 0}, {"Many", 25, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			db := storetest.Open(t)
			mon, err := watch.NewMonitor(watch.DefaultConfig(), db, events.NewBus())
			if err != nil {
				t.Fatal(err)
			}
			var msgs []resonanz.IncomingMessage
			for i := 0; i < tc.people; i++ {
				m := resonanz.IncomingMessage{Channel: "mastodon", ExternalID: fmt.Sprint("c", i), Author: resonanz.Author{Handle: fmt.Sprint("@p", i)},
					Text: "Schon wieder alles voll. #Gleischaos!", Time: stormStart.Add(time.Duration(i) * time.Minute), Visibility: resonanz.Public}
				m.Analysis = resonanz.Analysis{Sentiment: resonanz.Negative}
				msgs = append(msgs, m)
			}
			res, err := db.Ingest(ctx, msgs)
			if err != nil {
				t.Fatal(err)
			}
			var observed []watch.Observed
			for i, m := range msgs {
				observed = append(observed, watch.Observed{MessageID: res[i].MessageID, Channel: m.Channel, Author: m.Author.Handle,
					Text: m.Text, Time: m.Time, Analysis: m.Analysis})
			}
			if err := mon.Observe(ctx, observed); err != nil {
				t.Fatal(err)
			}
			alerts, _ := storetest.AlertsWithRooms(ctx, db, true)
			if len(alerts) != tc.want {
				t.Fatalf("%d alerts for %d people sharing a hashtag, want %d", len(alerts), tc.people, tc.want)
			}
			if tc.want == 1 && (alerts[0].Key != "#gleischaos" || alerts[0].Messages != tc.people || alerts[0].Authors != tc.people) {
				t.Fatalf("cluster alert %+v", alerts[0])
			}
		})
	}
}
