package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events/nats/natstest"
	"github.com/resonanz/resonanz/store/storetest"
)

// Two nodes share a database and a NATS server: an alert acknowledged on
// node A and an agent opening a conversation there show on the live stream
// of a browser connected to node B, and both nodes then give the same
// version of the alerts to their pages.
func TestLiveEventsReachEveryNode(t *testing.T) {
	nats := natstest.URL(t)
	prefix := natstest.Prefix(t, nats)
	db := storetest.Open(t)
	liveA := natstest.Join(t, nats, prefix)
	nodeA, nodeB := newNode(t, db, liveA), newNode(t, db, natstest.Join(t, nats, prefix))
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
}
