package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// An agent assigns, solves and labels several conversations at once; each
// change is in its conversation's audit trail. A conversation of another
// team among them stops the action before anything changes.
func TestBulkActions(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	tom := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	kai := loggedIn(t, base, db, "kai", resonanz.RoleAgent)
	me, _ := db.FindUserByLogin(ctx, "tom")
	mine, hidden := twoTeamConversations(t, db, []string{"tom"}, "kai")
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "x", Author: resonanz.Author{Handle: "ben@example.org"},
		Text: "Noch eine Frage", Visibility: resonanz.Private, Time: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	unteamed := res[0].ConversationID
	ids := url.Values{"id": {itoa(mine), itoa(unteamed)}}

	t.Run("InboxOffersIt", func(t *testing.T) {
		_, body := tom.get("/")
		mustContain(t, body, `id="bulk-apply"`, `name="id" value="`+itoa(mine)+`"`)
	})
	t.Run("AssignSolveAndLabel", func(t *testing.T) {
		form := url.Values{"owner": {"me"}, "status": {"solved"}, "topic": {"delivery"}, "back": {"/?channel=email"}, "id": ids["id"]}
		status, body := tom.post("/conversations/bulk", form)
		if status != http.StatusOK || !strings.Contains(body, "Changed 2 conversations.") {
			t.Fatalf("bulk action: %d", status)
		}
		for _, id := range []int64{mine, unteamed} {
			c, _ := db.FindConversationByID(ctx, id)
			if c.OwnerID != me.ID || c.Status != resonanz.StatusSolved || !slices.Contains(c.Topics, "delivery") {
				t.Fatalf("conversation %d: owner %d, status %s, topics %v", id, c.OwnerID, c.Status, c.Topics)
			}
			tl, _ := db.Timeline(ctx, id)
			var actions []string
			for _, a := range tl.Audit {
				actions = append(actions, a.Kind+": "+a.Params["owner"])
			}
			audit := strings.Join(actions, "|")
			for _, want := range []string{"assign: tom", "status: ", "label.topics: "} {
				if !strings.Contains(audit, want) {
					t.Fatalf("conversation %d's audit %q lacks %q", id, audit, want)
				}
			}
		}
	})
	t.Run("ErrHiddenConversationChangesNothing", func(t *testing.T) {
		form := url.Values{"status": {"closed"}, "id": {itoa(unteamed), itoa(hidden)}}
		if status, _ := tom.post("/conversations/bulk", form); status != http.StatusNotFound {
			t.Fatalf("bulk with another team's conversation: %d, want 404", status)
		}
		if c, _ := db.FindConversationByID(ctx, unteamed); c.Status != resonanz.StatusSolved {
			t.Fatalf("the visible conversation changed to %s anyway", c.Status)
		}
		if status, _ := kai.post("/conversations/bulk", url.Values{"status": {"closed"}, "id": {itoa(hidden)}}); status != http.StatusOK {
			t.Fatalf("kai on his own team's conversation: %d", status)
		}
	})
	t.Run("ErrNothingToDo", func(t *testing.T) {
		if status, body := tom.post("/conversations/bulk", url.Values{"id": {itoa(mine)}}); status != http.StatusBadRequest || !strings.Contains(body, "Choose an owner") {
			t.Fatalf("no change chosen: %d", status)
		}
		if status, _ := tom.post("/conversations/bulk", url.Values{"status": {"solved"}}); status != http.StatusBadRequest {
			t.Fatalf("no conversation chosen: %d", status)
		}
		if status, _ := tom.post("/conversations/bulk", url.Values{"topic": {"nonsense"}, "id": {itoa(mine)}}); status != http.StatusBadRequest {
			t.Fatalf("unknown topic: %d", status)
		}
	})
}
