package web_test

import (
	"bufio"
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// Agents on the same conversation see each other viewing and writing; an
// agent of another team learns nothing of it, not even over the live stream.
func TestPresence(t *testing.T) {
	base, db, _ := newTestServer(t)
	lea := loggedIn(t, base, db, "lea", resonanz.RoleAgent)
	tom := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	kai := loggedIn(t, base, db, "kai", resonanz.RoleAgent)
	shared, hidden := twoTeamConversations(t, db, []string{"lea", "tom"}, "kai")

	t.Run("ViewingAndWriting", func(t *testing.T) {
		lea.post("/conversations/"+itoa(shared)+"/presence", url.Values{"state": {"viewing"}})
		if _, body := tom.get("/conversations/" + itoa(shared)); !strings.Contains(body, "lea is viewing this conversation") {
			t.Fatal("tom's page does not show lea viewing")
		}
		_, body := tom.post("/conversations/"+itoa(shared)+"/presence", url.Values{"state": {"viewing"}})
		if !strings.Contains(body, `class="viewing"`) || strings.Contains(body, "tom is") {
			t.Fatalf("tom's own presence answer: %s", body)
		}
		lea.post("/conversations/"+itoa(shared)+"/presence", url.Values{"state": {"writing"}})
		if _, body := tom.get("/conversations/" + itoa(shared) + "/presence"); !strings.Contains(body, "lea is writing a reply…") {
			t.Fatalf("tom sees %q", body)
		}
		lea.post("/conversations/"+itoa(shared)+"/presence", url.Values{"state": {"gone"}})
		if _, body := tom.get("/conversations/" + itoa(shared) + "/presence"); body != "" {
			t.Fatalf("after lea left tom sees %q", body)
		}
	})
	t.Run("OtherTeamSeesNothing", func(t *testing.T) {
		for _, try := range []func() (int, string){
			func() (int, string) { return kai.get("/conversations/" + itoa(shared) + "/presence") },
			func() (int, string) {
				return kai.post("/conversations/"+itoa(shared)+"/presence", url.Values{"state": {"viewing"}})
			},
		} {
			if status, _ := try(); status != http.StatusNotFound {
				t.Fatalf("kai on another team's conversation: %d, want 404", status)
			}
		}
	})
	t.Run("LiveStreamOnlyNamesWhatOneMayOpen", func(t *testing.T) {
		stream, cancel := kai.stream(t, "/events")
		defer cancel()
		if got := stream(); !strings.HasPrefix(got, "alerts ") {
			t.Fatalf("first event %q", got)
		}
		lea.post("/conversations/"+itoa(shared)+"/presence", url.Values{"state": {"viewing"}})
		kai.post("/conversations/"+itoa(hidden)+"/presence", url.Values{"state": {"viewing"}})
		if got := stream(); got != "presence "+itoa(hidden) {
			t.Fatalf("kai's stream says %q, want news of his own team's conversation only", got)
		}
	})
}

// A reply written while the customer wrote again is held back: the page
// comes back with the text, the new message marked, and "send anyway".
func TestReplyAfterNewMessage(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	tom := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "1", Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna"},
		Text: "Wo bleibt mein Paket?", Visibility: resonanz.Private, Time: time.Now().Add(-time.Minute)}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/conversations/" + itoa(res[0].ConversationID)
	_, page := tom.get(path)
	seen := between(page, `name="seen" value="`, `"`)
	if seen != itoa(res[0].MessageID) {
		t.Fatalf("the reply box saw message %q, want %d", seen, res[0].MessageID)
	}
	again, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "2", Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna"},
		Text: "Hat sich erledigt, es ist da!", Visibility: resonanz.Private, Time: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	status, body := tom.post(path+"/reply", url.Values{"text": {"Wir prüfen das."}, "seen": {seen}})
	if status != http.StatusConflict {
		t.Fatalf("reply over a new message: %d, want 409", status)
	}
	mustContain(t, html.UnescapeString(body), "Wir prüfen das.</textarea>", `id="reply-anyway"`, `class="message in arrived" data-id="`+itoa(again[0].MessageID)+`"`)
	if got := lastReply(t, db, res[0].ConversationID); got != "" {
		t.Fatalf("a reply went out: %q", got)
	}
	if status, _ := tom.post(path+"/reply", url.Values{"text": {"Wir prüfen das."}, "seen": {seen}, "force": {"1"}}); status != http.StatusOK {
		t.Fatalf("send anyway: %d", status)
	}
	if got := lastReply(t, db, res[0].ConversationID); got != "Wir prüfen das." {
		t.Fatalf("after sending anyway the reply is %q", got)
	}
}

// twoTeamConversations puts one conversation in a team of the given logins
// and one in a team of other, and returns their ids.
func twoTeamConversations(t *testing.T, db interface {
	resonanz.UserService
	resonanz.ConversationService
	resonanz.MessageService
}, members []string, other string) (shared, hidden int64) {
	t.Helper()
	ctx := context.Background()
	ids := []int64{}
	for i, logins := range [][]string{members, {other}} {
		team, err := db.CreateTeam(ctx, "Team "+itoa(int64(i)))
		if err != nil {
			t.Fatal(err)
		}
		for _, login := range logins {
			u, err := db.FindUserByLogin(ctx, login)
			if err != nil {
				t.Fatal(err)
			}
			team.Members = append(team.Members, u.ID)
		}
		if err := db.SaveTeam(ctx, team); err != nil {
			t.Fatal(err)
		}
		res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "t" + itoa(int64(i)),
			Author: resonanz.Author{Handle: "kunde" + itoa(int64(i)) + "@example.org"}, Text: "Frage", Visibility: resonanz.Private, Time: time.Now()}})
		if err != nil {
			t.Fatal(err)
		}
		system := &resonanz.User{ID: team.Members[0]}
		if err := db.UpdateConversation(ctx, res[0].ConversationID, system, resonanz.ConversationUpdate{TeamID: &team.ID}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res[0].ConversationID)
	}
	return ids[0], ids[1]
}

// stream opens a server-sent event stream and returns a function that
// reads the next event as "name data".
func (b *browserless) stream(t *testing.T, path string) (func() string, func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	req, _ := http.NewRequestWithContext(ctx, "GET", b.base+path, nil)
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(resp.Body)
	next := func() string {
		t.Helper()
		var name, data string
		for lines.Scan() {
			line := lines.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				return name + " " + data
			}
		}
		t.Fatalf("the stream ended: %v", lines.Err())
		return ""
	}
	return next, func() { cancel(); resp.Body.Close() }
}

// between returns the text of s between the first before and the following after.
func between(s, before, after string) string {
	_, rest, ok := strings.Cut(s, before)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, after)
	return v
}
