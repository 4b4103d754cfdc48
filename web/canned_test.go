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
)

// Leads keep the canned replies in Settings; the reply box offers those of
// the conversation's and the agent's teams in the customer's language,
// filled for customer and agent, and inserts one without JavaScript too.
func TestCannedReplies(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	admin := loggedIn(t, base, db, "ada", resonanz.RoleAdmin)
	agent := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	tom, _ := db.FindUserByLogin(ctx, "tom")
	lea, _ := db.FindUserByLogin(ctx, "lea")
	delivery, _ := db.CreateTeam(ctx, "Lieferung")
	billing, _ := db.CreateTeam(ctx, "Rechnung")
	shop, _ := db.CreateTeam(ctx, "Filiale")
	delivery.Members = []int64{tom.ID, lea.ID}
	billing.Members = []int64{lea.ID}
	for _, team := range []*resonanz.Team{delivery, billing} {
		if err := db.SaveTeam(ctx, team); err != nil {
			t.Fatal(err)
		}
	}
	in := resonanz.IncomingMessage{Channel: "email", ExternalID: "1", Author: resonanz.Author{Handle: "anna@example.org", DisplayName: "Anna Schmidt"},
		Text: "Wo bleibt mein Paket?", Visibility: resonanz.Private, Time: time.Now(), Analysis: resonanz.Analysis{Language: resonanz.LangGerman}}
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{in})
	if err != nil {
		t.Fatal(err)
	}
	path := "/conversations/" + itoa(res[0].ConversationID)

	t.Run("AgentsCannotManage", func(t *testing.T) {
		if status, _ := agent.get("/settings/canned"); status != http.StatusForbidden {
			t.Fatalf("agent GET: %d, want 403", status)
		}
		if status, _ := agent.post("/settings/canned", url.Values{"title": {"x"}, "text": {"y"}, "language": {"de"}}); status != http.StatusForbidden {
			t.Fatalf("agent POST: %d, want 403", status)
		}
	})
	t.Run("LeadSaves", func(t *testing.T) {
		for _, c := range []url.Values{
			{"title": {"Lieferverzug"}, "team": {itoa(delivery.ID)}, "language": {"de"}, "text": {"Hallo {name}, Ihr Paket ist unterwegs. Viele Grüße, {agent}. {help}"}},
			{"title": {"Doppelte Rechnung"}, "team": {itoa(billing.ID)}, "language": {"de"}, "text": {"Die zweite Rechnung ist storniert."}},
		} {
			if status, body := lead.post("/settings/canned", c); status != http.StatusOK || !strings.Contains(body, `id="canned-replies"`) {
				t.Fatalf("saving %s: %d", c.Get("title"), status)
			}
		}
		delay := url.Values{"title": {"Delay"}, "language": {"en"}, "text": {"Your parcel is on its way."}}
		if status, _ := lead.post("/settings/canned", delay); status != http.StatusForbidden {
			t.Fatalf("a lead saving a canned reply for every team: %d, want 403 (an admin's)", status)
		}
		if status, _ := admin.post("/settings/canned", delay); status != http.StatusOK {
			t.Fatalf("an admin saving a canned reply for every team: %d", status)
		}
		if status, body := lead.post("/settings/canned", url.Values{"title": {"Ohne Text"}, "team": {itoa(delivery.ID)}, "language": {"de"}}); status != http.StatusBadRequest ||
			!strings.Contains(body, `id="form-error"`) || !strings.Contains(body, `value="Ohne Text"`) {
			t.Fatalf("a canned reply without text: %d, want the form again with the problem", status)
		}
		if status, _ := lead.post("/settings/canned/help", url.Values{"help": {"https://hilfe.example.org"}}); status != http.StatusOK {
			t.Fatalf("saving the help-center link: %d", status)
		}
	})
	t.Run("ReplyBoxOffersTheFittingOnes", func(t *testing.T) {
		_, body := agent.get(path)
		filled := "Hallo Anna Schmidt, Ihr Paket ist unterwegs. Viele Grüße, tom. https://hilfe.example.org"
		mustContain(t, html.UnescapeString(body), `data-text="`+filled+`"`)
		for _, other := range []string{"Doppelte Rechnung", "Delay"} {
			if strings.Contains(body, other) {
				t.Fatalf("the reply box offers %q: another team's or another language's", other)
			}
		}
	})
	t.Run("InsertWithoutJavaScript", func(t *testing.T) {
		replies, _ := db.FindCannedReplies(ctx, resonanz.CannedFilter{TeamIDs: []int64{delivery.ID}, Language: resonanz.LangGerman})
		status, body := agent.post(path+"/canned", url.Values{"text": {"Guten Tag,"}, "canned": {itoa(replies[0].ID)}})
		if status != http.StatusOK {
			t.Fatalf("insert: %d", status)
		}
		mustContain(t, html.UnescapeString(body), "Guten Tag,\n\nHallo Anna Schmidt, Ihr Paket ist unterwegs.")
		if status, _ := agent.post(path+"/canned", url.Values{"canned": {itoa(replies[0].ID + 100)}}); status != http.StatusUnprocessableEntity {
			t.Fatalf("an unknown canned reply: %d", status)
		}
	})
	t.Run("LeadsManageTheirTeamsOnly", func(t *testing.T) {
		replies, _ := db.FindCannedReplies(ctx, resonanz.CannedFilter{AllTeams: true})
		var theirs, companys int64
		for _, c := range replies {
			switch c.Title {
			case "Doppelte Rechnung":
				theirs = c.ID
			case "Delay":
				companys = c.ID
			}
		}
		for _, try := range []struct {
			what string
			path string
			form url.Values
		}{
			{"a reply for a team they do not lead", "/settings/canned", url.Values{"title": {"Öffnungszeiten"}, "team": {itoa(shop.ID)}, "language": {"de"}, "text": {"9 bis 18 Uhr"}}},
			{"moving their reply to another team", "/settings/canned", url.Values{"id": {itoa(theirs)}, "title": {"Doppelte Rechnung"}, "team": {itoa(shop.ID)}, "language": {"de"}, "text": {"x"}}},
			{"changing the company's reply", "/settings/canned", url.Values{"id": {itoa(companys)}, "title": {"Delay"}, "team": {itoa(billing.ID)}, "language": {"en"}, "text": {"x"}}},
			{"deleting the company's reply", "/settings/canned/" + itoa(companys) + "/delete", url.Values{}},
		} {
			if status, _ := lead.post(try.path, try.form); status != http.StatusForbidden {
				t.Errorf("%s: %d, want 403", try.what, status)
			}
		}
		if status, _ := lead.post("/settings/canned/"+itoa(theirs)+"/delete", url.Values{}); status != http.StatusOK {
			t.Fatalf("a lead deleting their team's reply: %d", status)
		}
		if after, _ := db.FindCannedReplies(ctx, resonanz.CannedFilter{AllTeams: true}); len(after) != len(replies)-1 {
			t.Fatalf("%d canned replies after one deletion, want %d", len(after), len(replies)-1)
		}
	})
}
