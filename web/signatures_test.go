package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// Agents keep their own signature, leads their teams'; the reply box shows
// both in the customer's language, and a reply carries them unless the
// agent unticks the box.
func TestSignatures(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	agent := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	tom, _ := db.FindUserByLogin(ctx, "tom")
	team, _ := db.CreateTeam(ctx, "Lieferung")
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "1", Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna"},
		Text: "Wo bleibt mein Paket?", Visibility: resonanz.Private, Time: time.Now(), Analysis: resonanz.Analysis{Language: resonanz.LangGerman}}})
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].ConversationID
	if err := db.UpdateConversation(ctx, id, tom, resonanz.ConversationUpdate{TeamID: &team.ID}); err != nil {
		t.Fatal(err)
	}
	path := "/conversations/" + itoa(id)

	t.Run("AgentSavesOwn", func(t *testing.T) {
		status, body := agent.post("/signatures/mine", url.Values{"text_de": {"Viele Grüße\r\n{agent}"}, "text_en": {"Best regards, {agent}"}})
		if status != http.StatusOK || !strings.Contains(body, "Viele Grüße\n{agent}</textarea>") {
			t.Fatalf("saving: %d", status)
		}
		if strings.Contains(body, "team-signature") {
			t.Fatal("an agent is offered the teams' signatures")
		}
	})
	t.Run("AgentCannotSaveTeams", func(t *testing.T) {
		if status, _ := agent.post("/signatures/teams/"+itoa(team.ID), url.Values{"text_de": {"x"}}); status != http.StatusForbidden {
			t.Fatalf("agent saving a team's signature: %d, want 403", status)
		}
	})
	t.Run("LeadSavesTeams", func(t *testing.T) {
		if status, body := lead.post("/signatures/teams/"+itoa(team.ID), url.Values{"text_de": {"Ihr Team Lieferung"}}); status != http.StatusOK ||
			!strings.Contains(body, "Ihr Team Lieferung</textarea>") {
			t.Fatalf("saving: %d", status)
		}
	})
	t.Run("ReplyBoxShowsIt", func(t *testing.T) {
		_, body := agent.get(path)
		mustContain(t, html.UnescapeString(body), `id="signature-text" lang="de">Viele Grüße`+"\ntom\nIhr Team Lieferung</div>")
	})
	t.Run("ReplySigned", func(t *testing.T) {
		agent.post(path+"/reply", url.Values{"text": {"Ihr Paket kommt morgen."}, "signature": {"1"}})
		if got := lastReply(t, db, id); got != "Ihr Paket kommt morgen.\n\nViele Grüße\ntom\nIhr Team Lieferung" {
			t.Fatalf("reply %q", got)
		}
		agent.post(path+"/reply", url.Values{"text": {"Noch eine Frage?"}})
		if got := lastReply(t, db, id); got != "Noch eine Frage?" {
			t.Fatalf("reply without the box ticked: %q", got)
		}
	})
}

// lastReply returns the text of the newest agent reply in a conversation.
func lastReply(t *testing.T, db *store.DB, id int64) string {
	t.Helper()
	tl, err := db.Timeline(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(tl.Entries) - 1; i >= 0; i-- {
		if m := tl.Entries[i].Message; m != nil && m.Direction == resonanz.Outbound {
			return m.Text
		}
	}
	return ""
}
