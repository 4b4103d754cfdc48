package web_test

import (
	"context"
	"encoding/csv"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// arrivals ingests one customer message per handle, labelled as given.
func arrivals(t *testing.T, db *store.DB, channel string, a resonanz.Analysis, handles ...string) []int64 {
	t.Helper()
	var ids []int64
	for _, h := range handles {
		res, err := db.Ingest(context.Background(), []resonanz.IncomingMessage{{Channel: channel, ExternalID: h, Author: resonanz.Author{Handle: h},
			Text: "Wo bleibt mein Paket?", Visibility: resonanz.Private, Time: time.Now().Add(-time.Minute), Analysis: a}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res[0].ConversationID)
	}
	return ids
}

// TestOverviewBarOpensTheSameConversations: each part of a chart links to
// the inbox, and the inbox counts as many conversations as the bar.
func TestOverviewBarOpensTheSameConversations(t *testing.T) {
	base, db, _ := newTestServer(t)
	complaint := resonanz.Analysis{Language: "de", Kind: resonanz.KindComplaint, Sentiment: resonanz.Negative, Topics: []string{"delivery"}}
	arrivals(t, db, "email", complaint, "a@x.org", "b@x.org", "c@x.org")
	arrivals(t, db, "mastodon", resonanz.Analysis{Language: "de", Kind: resonanz.KindPraise, Sentiment: resonanz.Positive}, "@d@x.social")
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	status, page := lead.get("/reports")
	if status != http.StatusOK {
		t.Fatalf("GET /reports: %d", status)
	}
	for _, part := range []string{`id="chart-channels"`, `<title id="chart-channels-title">`, `<desc id="chart-channels-desc">`, `id="table-channels"`,
		`id="chart-sentiment"`, `id="chart-topics"`, `id="chart-backlog"`, `id="table-figures"`} {
		if !strings.Contains(page, part) {
			t.Errorf("the overview lacks %s", part)
		}
	}
	for label, want := range map[string]string{"Email": "3", "Mastodon": "1"} {
		m := regexp.MustCompile(`<a href="([^"]+)" class="bar-link" aria-label="[^"]*, ` + label + `: (\d+)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no bar for %s in the channel chart", label)
		}
		if m[2] != want {
			t.Errorf("the %s bar counts %s; want %s", label, m[2], want)
		}
		status, inbox := lead.get(html.UnescapeString(m[1]))
		count := regexp.MustCompile(`id="match-count" data-count="(\d+)"`).FindStringSubmatch(inbox)
		if status != http.StatusOK || count == nil || count[1] != want {
			t.Errorf("the %s bar's inbox (%s): %d, count %v; want %s", label, m[1], status, count, want)
		}
		if rows := strings.Count(inbox, `class="conversation `); itoa(int64(rows)) != want {
			t.Errorf("the %s bar's inbox lists %d conversations; want %s", label, rows, want)
		}
	}
}

// TestReportCSVIsSafeInASpreadsheet: a team named like a formula comes out
// as text, and the file reads back as the table.
func TestReportCSVIsSafeInASpreadsheet(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	team, err := db.CreateTeam(ctx, `=HYPERLINK("http://evil.example","x")`)
	if err != nil {
		t.Fatal(err)
	}
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	leadUser, err := db.FindUserByLogin(ctx, "lea")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range arrivals(t, db, "email", resonanz.Analysis{Kind: resonanz.KindQuestion}, "a@x.org", "b@x.org") {
		if err := db.UpdateConversation(ctx, id, leadUser, resonanz.ConversationUpdate{TeamID: &team.ID}); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := lead.client.Get(base + "/reports/csv/teams")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "text/csv") {
		t.Fatalf("GET /reports/csv/teams: %d %s", resp.StatusCode, ct)
	}
	records, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 || records[1][0] != `'=HYPERLINK("http://evil.example","x")` || records[1][1] != "2" {
		t.Errorf("CSV %q; want the head and one row: the team's name as text, 2 new conversations", records)
	}
}

// TestAgentsSeeTheirOwnFiguresOnly: the overview and the team figures are
// for leads; an agent opens their own page, not a colleague's.
func TestAgentsSeeTheirOwnFiguresOnly(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	tom := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	loggedIn(t, base, db, "ina", resonanz.RoleAgent)
	tomUser, _ := db.FindUserByLogin(ctx, "tom")
	ina, _ := db.FindUserByLogin(ctx, "ina")
	for _, path := range []string{"/reports", "/reports/teams", "/reports/csv/figures", "/reports/agents/" + itoa(ina.ID)} {
		if status, _ := tom.get(path); status != http.StatusForbidden {
			t.Errorf("agent GET %s: %d; want 403", path, status)
		}
	}
	if status, page := tom.get("/reports/agents/" + itoa(tomUser.ID)); status != http.StatusOK || !strings.Contains(page, "Figures of tom") {
		t.Errorf("agent GET own figures: %d", status)
	}
}

// TestTeamAndAgentFigures: the lead's team page counts each team's and each
// owner's new conversations and links to the agent's own page, which shows
// the same count.
func TestTeamAndAgentFigures(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	leadUser, _ := db.FindUserByLogin(ctx, "lea")
	tom := addUser(t, db, "tom", resonanz.RoleAgent)
	team, err := db.CreateTeam(ctx, "Versand")
	if err != nil {
		t.Fatal(err)
	}
	ids := arrivals(t, db, "email", resonanz.Analysis{Kind: resonanz.KindQuestion}, "a@x.org", "b@x.org", "c@x.org")
	for _, id := range ids[:2] {
		if err := db.UpdateConversation(ctx, id, leadUser, resonanz.ConversationUpdate{TeamID: &team.ID, OwnerID: &tom.ID}); err != nil {
			t.Fatal(err)
		}
	}
	status, page := lead.get("/reports/teams")
	if status != http.StatusOK {
		t.Fatalf("GET /reports/teams: %d", status)
	}
	teamRow := regexp.MustCompile(`<th scope="row">Versand</th><td><a href="[^"]*team=` + itoa(team.ID) + `[^"]*">2</a>`)
	agentRow := regexp.MustCompile(`<th scope="row"><a href="(/reports/agents/` + itoa(tom.ID) + `[^"]*)">tom</a></th><td><a href="[^"]*">2</a>`)
	m := agentRow.FindStringSubmatch(page)
	if !teamRow.MatchString(page) || m == nil || !strings.Contains(page, `<th scope="row">—</th><td>1</td>`) {
		t.Fatalf("the team page does not show Versand 2, tom 2 and one without team or owner")
	}
	if status, own := lead.get(html.UnescapeString(m[1])); status != http.StatusOK || !regexp.MustCompile(`<th scope="row">tom</th><td><a href="[^"]*">2</a>`).MatchString(own) {
		t.Errorf("tom's page from the team page: %d", status)
	}
}
