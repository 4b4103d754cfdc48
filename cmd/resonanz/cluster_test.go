package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

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
// server; messages are taken in through all three, and the node that leads
// (router, storm monitor, event webhooks) is killed in the middle of a
// storm. Every message is stored once and reaches its webhook once, every
// answer-time clock that runs out is told once, the storm raises one alert,
// and a browser on a surviving node sees its banner appear.
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
	// Every conversation must be answered within a minute: the old ones are
	// overdue when they arrive, the fresh ones run out after the leader died.
	must(t, db.SaveSLAPolicy(ctx, &resonanz.SLAPolicy{Name: "Eine Minute", FirstResponse: time.Minute}))
	lead := &resonanz.User{Login: "lea@example.org", Name: "Lea Lehmann", Role: resonanz.RoleLead}
	must(t, db.CreateUser(ctx, lead, testPassword))

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
	var survivors []*node
	for _, n := range nodes {
		if n != leader {
			survivors = append(survivors, n)
		}
	}

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

	// The lead watches the inbox on a node that will survive.
	browser, _ := newBrowserFor(t, 10*time.Minute)
	logInAt(t, browser, survivors[0].url, lead)
	if n := evalString(t, browser, `String(document.querySelectorAll("#alerts .alert").length)`); n != "0" {
		t.Fatalf("%s alerts in quiet times", n)
	}

	// Fresh questions, whose clocks the leader sets and which run out after
	// it died; then the storm, whose first half every node takes in before
	// the leader dies and whose rest the survivors take in.
	for i, n := range nodes {
		send(n, fmt.Sprint("fresh", i, "-"), []time.Time{time.Now(), time.Now()}, "Wann wird meine Bestellung geliefert?")
	}
	storm := everyStep(now.Add(-time.Hour), now, 40*time.Second)
	half := len(storm) / 2
	for i, n := range nodes {
		send(n, fmt.Sprint("storm", i, "-"), storm[i*half/3:(i+1)*half/3], "Warenkorb nach dem Update leer, die App ist kaputt #AppDesaster")
	}
	alerts, err := db.FindAlerts(ctx, false)
	must(t, err)
	t.Logf("the leader dies with %d alerts raised", len(alerts))
	leader.kill()
	eventually(t, "no node took over from the one that died", func() bool {
		return survivors[0].leads()+survivors[1].leads() == 1
	})
	send(survivors[0], "storm-a-", storm[half:half+(len(storm)-half)/2], "Warenkorb nach dem Update leer, die App ist kaputt #AppDesaster")
	send(survivors[1], "storm-b-", storm[half+(len(storm)-half)/2:], "Warenkorb nach dem Update leer, die App ist kaputt #AppDesaster")

	oneAlert := func() bool {
		alerts, err := db.FindAlerts(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(alerts) > 1 {
			t.Fatalf("%d alerts for one storm: %+v", len(alerts), alerts)
		}
		return len(alerts) == 1
	}
	eventually(t, "the storm raised no alert", oneAlert)
	eventually(t, "the browser on a surviving node shows no banner", func() bool {
		shown, err := chromedp.Run(browser, chromedp.Evaluate[bool](`document.querySelectorAll("#alerts .alert").length >= 1`))
		return err == nil && shown
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
	checkEveryClockToldOnce(t, db, lead, sent)
	oneAlert()
}

// checkEveryClockToldOnce waits until the answer-time clock of each of the
// n conversations has run out, and checks that each breach was recorded
// once in the conversation's trail and told the lead once.
func checkEveryClockToldOnce(t *testing.T, db *store.DB, lead *resonanz.User, n int) {
	t.Helper()
	ctx := context.Background()
	var convs []*resonanz.Conversation
	// A timer job running on the killed node runs again on another after
	// some minutes; the bound is wider than eventually's.
	for deadline := time.Now().Add(8 * time.Minute); ; time.Sleep(time.Second) {
		convs = convs[:0]
		for f := (resonanz.ConversationFilter{Limit: 200}); ; {
			page, err := db.FindConversations(ctx, f)
			must(t, err)
			convs = append(convs, page.Conversations...)
			if f.After = page.Next; f.After == nil {
				break
			}
		}
		breached := 0
		for _, c := range convs {
			if c.SLA != nil && c.SLA.Breached {
				breached++
			}
		}
		if breached == n && len(convs) == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d conversations breached their goal after it ran out", breached, len(convs))
		}
	}
	told := map[int64]int{}
	notes, err := db.FindNotifications(ctx, lead.ID, 10*n)
	must(t, err)
	for _, note := range notes {
		if note.Kind == resonanz.NotifySLABreach {
			told[note.ConversationID]++
		}
	}
	for _, c := range convs {
		tl, err := db.Timeline(ctx, c.ID)
		must(t, err)
		trail := 0
		for _, e := range tl.Audit {
			if e.Kind == resonanz.AuditSLABreach {
				trail++
			}
		}
		if trail != 1 || told[c.ID] != 1 {
			t.Errorf("conversation %d: %d breaches in its trail, the lead told %d times; want once", c.ID, trail, told[c.ID])
		}
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
