package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store/storetest"
)

// After a restart resonanz listens at once: while the storm monitor still
// learns from the stored history, pages are served (saying so) and messages
// taken in; once it is warm, those messages are watched as live ones.
func TestServesWhileStormMonitorWarmsUp(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	quiet, storm := stormTraffic(time.Now())
	first := startMainWith(t, Config{Addr: "127.0.0.1:0", DataDir: dir})
	token, err := first.DB.CreateAPIToken(ctx, "test")
	must(t, err)
	sendMessages(t, first.URL(), token, quiet...)
	must(t, first.Close())

	m := NewMain(Config{Addr: "127.0.0.1:0", DataDir: dir})
	m.Stdout, m.Logger = io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil))
	release := make(chan struct{})
	m.history = heldHistory{m: m, release: release}
	ran := make(chan error, 1)
	go func() { ran <- m.Run(ctx) }()
	select {
	case err := <-ran:
		must(t, err)
	case <-time.After(time.Minute): // only ends a test that would hang
		close(release)
		t.Fatal("resonanz does not listen before the storm monitor has replayed the history")
	}
	t.Cleanup(func() { m.Close() })

	u := &resonanz.User{Login: "tom", Name: "Tom", Role: resonanz.RoleAgent}
	must(t, m.DB.CreateUser(ctx, u, "correct horse battery"))
	session, _, err := m.DB.CreateSession(ctx, u.ID, time.Hour)
	must(t, err)
	inbox := func() string {
		t.Helper()
		req, _ := http.NewRequest("GET", m.URL()+"/", nil)
		req.AddCookie(&http.Cookie{Name: "resonanz_session", Value: session})
		resp, err := http.DefaultClient.Do(req)
		must(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("the inbox answered %d", resp.StatusCode)
		}
		return string(body)
	}
	if page := inbox(); !strings.Contains(page, `id="storms-warming"`) {
		t.Fatalf("the inbox does not say that storm warnings are warming up:\n%.2000s", page)
	}
	sendMessages(t, m.URL(), token, storm...)
	if alerts, err := m.DB.FindAlerts(ctx, false); err != nil || len(alerts) != 0 {
		t.Fatalf("alerts before the monitor is warm: %v %v", alerts, err)
	}

	close(release)
	<-m.Warm()
	alerts, err := storetest.AlertsWithRooms(ctx, m.DB, false)
	must(t, err)
	if len(alerts) != 1 || alerts[0].Key != "app" || alerts[0].Messages < len(storm) {
		t.Fatalf("the storm sent while the monitor warmed up raised %+v, want one alert about the app with its %d messages", alerts, len(storm))
	}
	if page := inbox(); strings.Contains(page, `id="storms-warming"`) {
		t.Fatal("the inbox still says the monitor warms up")
	}
}

// heldHistory is the database's history, replayed only once release is closed.
type heldHistory struct {
	m       *Main
	release chan struct{}
}

func (h heldHistory) LastMessageID(ctx context.Context) (int64, error) {
	return h.m.DB.LastMessageID(ctx)
}

func (h heldHistory) ReplayComplaints(ctx context.Context, since time.Time, fn func(*resonanz.Message) error) error {
	select {
	case <-h.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	return h.m.DB.ReplayComplaints(ctx, since, fn)
}
