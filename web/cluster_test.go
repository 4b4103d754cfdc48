package web_test

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/resonanz/resonanz"
	natsevents "github.com/resonanz/resonanz/events/nats"
	"github.com/resonanz/resonanz/events/nats/natstest"
	natspresence "github.com/resonanz/resonanz/presence/nats"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/web"
)

// Two nodes share a database and a NATS server: an alert acknowledged on
// node A and an agent opening a conversation there show on the live stream
// of a browser connected to node B, and both nodes then give the same
// version of the alerts to their pages.
func TestLiveEventsReachEveryNode(t *testing.T) {
	nats := natstest.URL(t)
	prefix := natstest.Prefix(t, nats)
	db := storetest.Open(t)
	liveA, liveB := natstest.Join(t, nats, prefix), natstest.Join(t, nats, prefix)
	nodeA, nodeB := newNode(t, db, liveA, sharedPresence(t, liveA, prefix)), newNode(t, db, liveB, sharedPresence(t, liveB, prefix))
	lea := loggedIn(t, nodeA, db, "lea", resonanz.RoleLead)
	kai := loggedIn(t, nodeB, db, "kai", resonanz.RoleLead)
	a := saveAlert(t, db, newAlert("app", 2))
	shared, _ := twoTeamConversations(t, db, []string{"lea"}, "kai")

	stream, cancel := kai.stream(t, "/events")
	defer cancel()
	first := stream()
	if !strings.HasPrefix(first, "alerts ") {
		t.Fatalf("node B's stream starts with %q", first)
	}
	onA, cancelA := liveA.Subscribe()
	defer cancelA()
	if status, _ := lea.post("/alerts/"+itoa(a.ID)+"/status", url.Values{"status": {resonanz.AlertAcknowledged}}); status != 200 {
		t.Fatalf("acknowledging the alert on node A answered %d", status)
	}
	got := stream()
	if !strings.HasPrefix(got, "alerts ") || got == first {
		t.Fatalf("after the alert changed on node A, node B's stream says %q (before: %q)", got, first)
	}
	<-onA // node A has the news too
	_, page := lea.get("/")
	if version := between(page, `data-version="`, `"`); "alerts "+version != got {
		t.Fatalf("node A renders pages at version %s, node B streams %q", version, got)
	}

	lea.post("/conversations/"+itoa(shared)+"/presence", url.Values{"state": {"viewing"}})
	if got := stream(); got != "presence "+itoa(shared) {
		t.Fatalf("after lea opened a conversation on node A, node B's stream says %q", got)
	}
	if _, line := kai.get("/conversations/" + itoa(shared) + "/presence"); !strings.Contains(line, "lea") {
		t.Fatalf("node B does not show lea on the conversation she opened on node A: %q", line)
	}
}

// sharedPresence gives a node the presence of the cluster of prefix, over
// its own connection.
func sharedPresence(t *testing.T, live *natsevents.Service, prefix string) func(*web.Server) {
	board, err := natspresence.Open(context.Background(), live.Conn(), prefix, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		js, err := jetstream.New(live.Conn())
		if err == nil {
			err = js.DeleteKeyValue(context.Background(), natspresence.BucketName(prefix))
		}
		if err != nil && !errors.Is(err, jetstream.ErrBucketNotFound) {
			t.Errorf("remove the test's bucket: %v", err)
		}
	})
	return func(s *web.Server) { s.Presence = board }
}
