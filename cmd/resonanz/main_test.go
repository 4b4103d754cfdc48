package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/demo"
	"github.com/resonanz/resonanz/store/storetest"
)

// startMain runs the whole program on a free loopback port with a fresh data directory.
func startMain(t *testing.T, demo bool) (*Main, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	m := NewMain(Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Demo: demo})
	m.Stdout = &out
	m.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-m.Warm() // the storm monitor knows the stored history
	t.Cleanup(func() { m.Close() })
	return m, &out
}

func TestServeFirstStart(t *testing.T) {
	m, out := startMain(t, false)
	resp, err := http.Get(m.URL() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz answered %d", resp.StatusCode)
	}
	line := out.String()
	_, password, ok := strings.Cut(line, "Log in as: admin / ")
	if !ok {
		t.Fatalf("first start did not print the admin login:\n%s", line)
	}
	password, _, _ = strings.Cut(password, "\n")
	if _, err := m.DB.Authenticate(context.Background(), "admin", password); err != nil {
		t.Fatalf("printed admin password does not work: %v", err)
	}
}

func TestServeDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 2,000 demo messages")
	}
	m, out := startMain(t, true)
	if !strings.Contains(out.String(), "Demo login: "+demo.Login+" / "+demo.Password) {
		t.Fatalf("demo start did not print the demo login:\n%s", out)
	}
	ctx := context.Background()
	page, err := m.DB.FindConversations(ctx, resonanz.ConversationFilter{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]bool{}
	teams := 0
	for _, c := range page.Conversations {
		statuses[c.Status] = true
		if c.TeamID != 0 {
			teams++
		}
	}
	if len(page.Conversations) < 200 || len(statuses) < 2 || teams == 0 {
		t.Fatalf("demo inbox looks unused: %d conversations, statuses %v, %d with a team", len(page.Conversations), statuses, teams)
	}
	if canned, err := m.DB.FindCannedReplies(ctx, resonanz.CannedFilter{AllTeams: true}); err != nil || len(canned) == 0 {
		t.Fatalf("the demo has no canned replies: %v", err)
	}
	hits, err := m.DB.SearchMessages(ctx, "Rechnung", 10, 0)
	if err != nil || len(hits) == 0 {
		t.Fatalf("demo data has no invoices to search: %v", err)
	}
	alerts, err := storetest.AlertsWithRooms(ctx, m.DB, true)
	if err != nil {
		t.Fatal(err)
	}
	var storm *resonanz.Alert
	for _, a := range alerts {
		if a.Key == "app" && (storm == nil || a.Authors > storm.Authors) {
			storm = a
		}
	}
	if storm == nil || storm.Authors < 100 || storm.Messages < 100 || storm.Severity < 3 || !slices.Contains(storm.TopTerms, "appdesaster") {
		t.Fatalf("the demo's storm about the app update raised no fitting alert: %+v", storm)
	}
	// The room is about the emptied cart; the topic's other complaints of
	// those hours stay in the inbox.
	room, err := m.DB.RoomMessages(ctx, storm.ID, true, 1000)
	must(t, err)
	left, err := m.DB.RoomMessages(ctx, storm.ID, false, 1000)
	must(t, err)
	off := 0
	for _, h := range room {
		if !strings.Contains(h.Message.Text, demo.StormHashtag) {
			off++
			t.Logf("in the room without the storm's hashtag (%s %.2f %v): %s", h.Reason, h.Score, h.Evidence, h.Message.Text)
		}
	}
	for _, h := range left {
		if strings.Contains(h.Message.Text, demo.StormHashtag) {
			t.Errorf("a storm message was left out of the room: %s", h.Message.Text)
		}
	}
	t.Logf("the storm's room holds %d messages (%d without the hashtag); %d left in the inbox", len(room), off, len(left))
	if len(left) == 0 || off > len(room)/10 {
		t.Errorf("the room holds %d messages, %d of them without the storm's hashtag; %d left in the inbox", len(room), off, len(left))
	}
}

// The demo shows a newcomer every page alive: goals missed and cases
// overdue, promises kept and broken, goodwill granted, and whom to tell.
func TestDemoShowsEveryPageAlive(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 2,000 demo messages")
	}
	m, _ := startMain(t, true)
	ctx := context.Background()
	var missed, overdue, conversations int
	waitUntil(t, "the demo's overdue cases are told as missed goals", func() bool {
		report, err := m.DB.SLAReport(ctx, time.Now().Add(-30*24*time.Hour))
		must(t, err)
		missed, overdue, conversations = 0, 0, 0
		for _, team := range report {
			missed, overdue, conversations = missed+team.Breaches, overdue+team.Overdue, conversations+team.Conversations
		}
		return missed > 0
	})
	if overdue == 0 || overdue > conversations/10 {
		t.Errorf("%d of %d conversations overdue, want some but not most", overdue, conversations)
	}
	count := func(f resonanz.PromiseFilter) int {
		list, err := m.DB.FindPromises(ctx, f)
		must(t, err)
		return len(list)
	}
	kept, broken := count(resonanz.PromiseFilter{State: resonanz.PromiseKept}), count(resonanz.PromiseFilter{State: resonanz.PromiseBroken})
	open := count(resonanz.PromiseFilter{State: resonanz.PromiseOpen})
	grants, err := m.DB.FindGoodwillGrants(ctx, resonanz.GoodwillFilter{Limit: 10000})
	must(t, err)
	states := map[string]int{}
	for _, g := range grants {
		states[g.State]++
	}
	lea, err := m.DB.FindUserByLogin(ctx, "lea@example.org")
	must(t, err)
	notices, err := m.DB.CountUnread(ctx, lea.ID)
	must(t, err)
	t.Logf("missed %d, overdue %d of %d; promises kept %d, broken %d, open %d; goodwill %v; the lead's notifications %d",
		missed, overdue, conversations, kept, broken, open, states, notices)
	if kept == 0 || broken == 0 || open == 0 || states[resonanz.GoodwillGranted] == 0 || states[resonanz.GoodwillPending] == 0 ||
		states[resonanz.GoodwillRejected] == 0 || notices == 0 {
		t.Fatalf("the demo lacks kept, broken or open promises, granted, pending or rejected goodwill, or notifications")
	}
	for _, lang := range []string{resonanz.LangGerman, resonanz.LangEnglish} {
		articles, err := m.DB.FindArticles(ctx, resonanz.ArticleFilter{Language: lang, PublishedOnly: true})
		must(t, err)
		if len(articles) < 3 {
			t.Errorf("the demo's help center has %d articles in %s, want a handful", len(articles), lang)
		}
	}
}
