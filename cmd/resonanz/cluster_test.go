package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events/nats/natstest"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

// eventsSeen counts the deliveries of each event a webhook receiver got.
type eventsSeen struct {
	mu    sync.Mutex
	count map[string]int
}

func (e *eventsSeen) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	e.count[r.Header.Get("X-Resonanz-Event-Id")]++
	e.mu.Unlock()
}

func (e *eventsSeen) snapshot() (events, deliveries int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, n := range e.count {
		events, deliveries = events+1, deliveries+n
	}
	return events, deliveries
}

// Three resonanz processes share one PostgreSQL database and one NATS
// server: messages taken in on any node are stored once, each event reaches
// its webhook once, one node leads (router, storm monitor, event webhooks),
// and when that node is killed another takes over and the storm that
// follows raises its one alert.
func TestThreeNodesShareTheWork(t *testing.T) {
	ctx := context.Background()
	natsURL := natstest.URL(t)
	database := storetest.PostgresSchema(t)
	prefix := natstest.Prefix(t, natsURL)
	data := t.TempDir() // the nodes' shared keys and files
	db, err := store.OpenPostgres(ctx, database, data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	token, err := db.CreateAPIToken(ctx, "cluster test")
	if err != nil {
		t.Fatal(err)
	}
	seen := &eventsSeen{count: map[string]int{}}
	receiver := httptest.NewServer(seen)
	defer receiver.Close()
	if _, err := db.Subscribe(ctx, &resonanz.EventSubscription{URL: receiver.URL, Events: []string{resonanz.EventMessageReceived}}); err != nil {
		t.Fatal(err)
	}

	args := []string{"--data", data, "--database", database, "--nats", natsURL, "--nats-prefix", prefix, "--allow-outbound", "127.0.0.1"}
	nodes := []*node{startNode(t, args...)} // the first makes the keys the others read
	nodes = append(nodes, startNode(t, args...), startNode(t, args...))
	var leader *node
	eventually(t, "no node took the lead", func() bool {
		total := 0
		for _, n := range nodes {
			if n.leads() > 0 {
				leader = n
			}
			total += n.leads()
		}
		if total > 1 {
			t.Fatal("more than one node leads")
		}
		return total == 1
	})

	// Quiet weeks about the app, taken in by every node, and one message
	// sent to two nodes (a retry through another door): stored once.
	now := time.Now()
	var sent int
	send := func(n *node, prefix string, times []time.Time, text string) {
		t.Helper()
		var msgs []resonanz.IncomingMessage
		for i, at := range times {
			msgs = append(msgs, resonanz.IncomingMessage{Channel: "forum", ExternalID: fmt.Sprint(prefix, i), Visibility: resonanz.Public,
				Author: resonanz.Author{Handle: fmt.Sprint("@", prefix, i)}, Text: text, Time: at})
		}
		for start := 0; start < len(msgs); start += 100 {
			sendMessages(t, n.url, token, msgs[start:min(start+100, len(msgs))]...)
		}
		sent += len(msgs)
	}
	quiet := everyStep(now.Add(-10*24*time.Hour), now.Add(-3*time.Hour), 3*time.Hour)
	for i, n := range nodes {
		send(n, fmt.Sprint("quiet", i, "-"), quiet[i*len(quiet)/3:(i+1)*len(quiet)/3], "Die App stürzt beim Bezahlen ab, schon wieder ärgerlich")
	}
	sendMessages(t, nodes[0].url, token, resonanz.IncomingMessage{Channel: "forum", ExternalID: "quiet0-0", Visibility: resonanz.Public,
		Author: resonanz.Author{Handle: "@quiet0-0"}, Text: "Die App stürzt beim Bezahlen ab, schon wieder ärgerlich", Time: quiet[0]})
	eventually(t, "the webhook did not receive every message once", func() bool {
		events, deliveries := seen.snapshot()
		if deliveries > events {
			t.Fatalf("%d deliveries of %d events: some were delivered twice", deliveries, events)
		}
		return events == sent
	})

	// The leader dies; another node takes over.
	leader.kill()
	var survivors []*node
	for _, n := range nodes {
		if n != leader {
			survivors = append(survivors, n)
		}
	}
	eventually(t, "no node took over from the one that died", func() bool {
		return survivors[0].leads()+survivors[1].leads() == 1
	})

	// A storm after the take-over raises one alert.
	storm := everyStep(now.Add(-time.Hour), now, 40*time.Second)
	send(survivors[0], "storm-a-", storm[:len(storm)/2], "Warenkorb nach dem Update leer, die App ist kaputt #AppDesaster")
	send(survivors[1], "storm-b-", storm[len(storm)/2:], "Warenkorb nach dem Update leer, die App ist kaputt #AppDesaster")
	eventually(t, "the storm after the take-over raised no alert", func() bool {
		alerts, err := db.FindAlerts(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(alerts) > 1 {
			t.Fatalf("%d alerts for one storm: %+v", len(alerts), alerts)
		}
		return len(alerts) == 1
	})
	eventually(t, "the webhook did not receive every message once", func() bool {
		events, deliveries := seen.snapshot()
		if deliveries > events {
			t.Fatalf("%d deliveries of %d events: some were delivered twice", deliveries, events)
		}
		return events == sent
	})
	if n, err := db.CountConversations(ctx, resonanz.ConversationFilter{}, 10000); err != nil || n != sent {
		t.Fatalf("%d conversations for %d messages from as many people (%v)", n, sent, err)
	}
}

// everyStep returns the times from start to end, step apart.
func everyStep(start, end time.Time, step time.Duration) []time.Time {
	var ts []time.Time
	for at := start; at.Before(end); at = at.Add(step) {
		ts = append(ts, at)
	}
	return ts
}
