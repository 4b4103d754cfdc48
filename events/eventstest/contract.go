// Package eventstest holds the behaviour every EventService must show,
// as tests that run against each implementation.
package eventstest

import (
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// Join returns another node of one cluster: a service that shares its
// events with every other node Join returned. A service of one process
// returns itself each time.
type Join func() resonanz.EventService

// Run runs the contract against the cluster that newCluster makes anew for
// each case.
func Run(t *testing.T, newCluster func(t *testing.T) Join) {
	for _, c := range []struct {
		name string
		test func(t *testing.T, join Join)
	}{
		{"AlertReachesEveryNode", alertReachesEveryNode},
		{"PresenceKeepsVersion", presenceKeepsVersion},
		{"InOrder", inOrder},
		{"LateNodeKnowsVersion", lateNodeKnowsVersion},
		{"SlowSubscriberMissesNews", slowSubscriberMissesNews},
		{"Unsubscribe", unsubscribe},
	} {
		t.Run(c.name, func(t *testing.T) { c.test(t, newCluster(t)) })
	}
}

// An alert published on one node reaches the subscribers of every node,
// and each then shows the same, new version.
func alertReachesEveryNode(t *testing.T, join Join) {
	a, b := join(), join()
	onA, cancelA := a.Subscribe()
	defer cancelA()
	onB, cancelB := b.Subscribe()
	defer cancelB()
	before := b.Version()
	a.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: 7})
	for name, ch := range map[string]<-chan resonanz.LiveEvent{"a": onA, "b": onB} {
		if e := receive(t, ch); e.Kind != resonanz.LiveAlert || e.AlertID != 7 {
			t.Fatalf("node %s received %+v, want the news of alert 7", name, e)
		}
	}
	if b.Version() == before {
		t.Fatal("the alert news left the version as it was")
	}
	if a.Version() != b.Version() {
		t.Fatalf("after the same news node a shows version %d, node b %d", a.Version(), b.Version())
	}
}

// Presence news reach every node but leave the alert banners as they are.
func presenceKeepsVersion(t *testing.T, join Join) {
	a, b := join(), join()
	onB, cancel := b.Subscribe()
	defer cancel()
	before := b.Version()
	a.Publish(resonanz.LiveEvent{Kind: resonanz.LivePresence, ConversationID: 3})
	if e := receive(t, onB); e.Kind != resonanz.LivePresence || e.ConversationID != 3 {
		t.Fatalf("received %+v, want presence news of conversation 3", e)
	}
	if b.Version() != before {
		t.Fatalf("presence news moved the alert version from %d to %d", before, b.Version())
	}
}

// Alert news from one node arrive in the order published; the version
// never goes back.
func inOrder(t *testing.T, join Join) {
	a, b := join(), join()
	onB, cancel := b.Subscribe()
	defer cancel()
	before := b.Version()
	for id := int64(1); id <= 5; id++ {
		a.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: id})
	}
	last := before
	for id := int64(1); id <= 5; id++ {
		if e := receive(t, onB); e.AlertID != id {
			t.Fatalf("news %d arrived as %+v", id, e)
		}
		v := b.Version()
		if v == before || v < last {
			t.Fatalf("version %d after news %d; before the news %d, at the news before %d", v, id, before, last)
		}
		last = v
	}
}

// A node that joins after news were published shows the version the
// others show, so that pages rendered by one node and streamed by another agree.
func lateNodeKnowsVersion(t *testing.T, join Join) {
	a := join()
	onA, cancel := a.Subscribe()
	defer cancel()
	for id := int64(1); id <= 3; id++ {
		a.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: id})
		receive(t, onA)
	}
	late := join()
	if late.Version() != a.Version() {
		t.Fatalf("a node joining late shows version %d, the others %d", late.Version(), a.Version())
	}
	onLate, cancelLate := late.Subscribe()
	defer cancelLate()
	a.Publish(resonanz.LiveEvent{Kind: resonanz.LivePresence, ConversationID: 9})
	if e := receive(t, onLate); e.Kind != resonanz.LivePresence {
		t.Fatalf("the late node's first news is %+v: news from before it joined came again", e)
	}
}

// A subscriber that does not read never holds up the publisher or the
// others; it keeps a full buffer and misses the rest.
func slowSubscriberMissesNews(t *testing.T, join Join) {
	a, b := join(), join()
	slow, cancelSlow := b.Subscribe()
	defer cancelSlow()
	reader, cancelReader := b.Subscribe()
	defer cancelReader()
	for id := int64(1); id <= 100; id++ {
		a.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: id})
		if e := receive(t, reader); e.AlertID != id {
			t.Fatalf("the reading subscriber received %+v, want news %d", e, id)
		}
	}
	if len(slow) != cap(slow) {
		t.Fatalf("the slow subscriber holds %d events, want a full buffer of %d", len(slow), cap(slow))
	}
}

// Ending a subscription closes its channel and ends only that one.
func unsubscribe(t *testing.T, join Join) {
	a := join()
	before := a.Subscribers()
	first, cancelFirst := a.Subscribe()
	second, cancelSecond := a.Subscribe()
	defer cancelSecond()
	if n := a.Subscribers(); n != before+2 {
		t.Fatalf("%d subscribers, want %d", n, before+2)
	}
	cancelFirst()
	cancelFirst() // ending twice is harmless
	if n := a.Subscribers(); n != before+1 {
		t.Fatalf("%d subscribers after one ended, want %d", n, before+1)
	}
	if _, open := <-first; open {
		t.Fatal("the ended subscription is still open")
	}
	a.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: 1})
	if e := receive(t, second); e.AlertID != 1 {
		t.Fatalf("the remaining subscription received %+v", e)
	}
}

// lost bounds the wait for an event that should come; it is far beyond
// any delivery, so that only a lost event reaches it.
const lost = time.Minute

// receive waits for the next event on ch.
func receive(t *testing.T, ch <-chan resonanz.LiveEvent) resonanz.LiveEvent {
	t.Helper()
	select {
	case e, open := <-ch:
		if !open {
			t.Fatal("the subscription ended")
		}
		return e
	case <-time.After(lost):
		t.Fatalf("no event within %s: it was lost", lost)
	}
	return resonanz.LiveEvent{}
}
