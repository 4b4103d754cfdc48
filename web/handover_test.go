package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

func TestHandOverForm(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	ann := loggedIn(t, base, db, "ann", resonanz.RoleAgent)
	ben := &resonanz.User{Login: "ben", Name: "Ben Brandt", Role: resonanz.RoleAgent}
	if err := db.CreateUser(ctx, ben, "long-enough-password"); err != nil {
		t.Fatal(err)
	}
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "1", Author: resonanz.Author{Handle: "kim@example.org"},
		Text: "Rückruf bitte", Visibility: resonanz.Private, Time: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/conversations/" + itoa(res[0].ConversationID)
	if status, body := ann.post(path+"/handover", url.Values{"note": {"bitte übernehmen"}}); status != http.StatusBadRequest ||
		!strings.Contains(body, "Choose a colleague") {
		t.Fatalf("hand-over without a colleague: %d", status)
	}
	status, body := ann.post(path+"/handover", url.Values{"to": {itoa(ben.ID)}, "note": {"Kunde wartet auf Rückruf <b>heute</b>"}})
	if status != http.StatusOK || !strings.Contains(body, `id="case-owner">Ben Brandt`) || !strings.Contains(body, "&lt;b&gt;heute&lt;/b&gt;") {
		t.Fatalf("after the hand-over (status %d) the page does not show Ben as owner with the escaped note", status)
	}
	if status, body := ann.post(path+"/vip", url.Values{"vip": {"1"}}); status != http.StatusOK || !strings.Contains(body, `id="vip-off"`) {
		t.Fatalf("marking a VIP: %d", status)
	}
}

// An agent cannot open or change another team's conversation: it looks as if it did not exist.
func TestOtherTeamsConversationIsHidden(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	ann := loggedIn(t, base, db, "ann", resonanz.RoleAgent)
	me, _ := db.FindUserByLogin(ctx, "ann")
	versand, _ := db.CreateTeam(ctx, "Versand")
	kasse, _ := db.CreateTeam(ctx, "Kasse")
	versand.Members = []int64{me.ID}
	if err := db.SaveTeam(ctx, versand); err != nil {
		t.Fatal(err)
	}
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "1", Author: resonanz.Author{Handle: "kim@example.org"},
		Text: "Kassenbon fehlt", Visibility: resonanz.Private, Time: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateConversation(ctx, res[0].ConversationID, me, resonanz.ConversationUpdate{TeamID: &kasse.ID}); err != nil {
		t.Fatal(err)
	}
	path := "/conversations/" + itoa(res[0].ConversationID)
	if status, _ := ann.get(path); status != http.StatusNotFound {
		t.Fatalf("GET another team's conversation: %d, want 404", status)
	}
	if status, _ := ann.post(path+"/note", url.Values{"text": {"heimlich"}}); status != http.StatusNotFound {
		t.Fatalf("a note on another team's conversation: %d, want 404", status)
	}
	if _, body := ann.get("/search?q=Kassenbon"); strings.Contains(body, "Kassenbon fehlt") {
		t.Fatal("search shows another team's message")
	}
	tl, _ := db.Timeline(ctx, res[0].ConversationID)
	for _, e := range tl.Entries {
		if e.Note != nil {
			t.Fatal("the hidden conversation got the note")
		}
	}
}

func TestAgentSetsOwnAvailability(t *testing.T) {
	base, db, _ := newTestServer(t)
	ann := loggedIn(t, base, db, "ann", resonanz.RoleAgent)
	status, body := ann.post("/me/away", url.Values{"away": {"1"}, "back": {"/search?q=x"}})
	me, _ := db.FindUserByLogin(context.Background(), "ann")
	if status != http.StatusOK || !me.Away || !strings.Contains(body, `id="me-back"`) {
		t.Fatalf("going away: status %d, away %v", status, me.Away)
	}
	if _, body := ann.post("/me/away", url.Values{"away": {"0"}, "back": {"https://evil.example/"}}); !strings.Contains(body, `id="me-away"`) {
		t.Fatal("coming back does not show the away button again (or left the site)")
	}
	if me, _ := db.FindUserByLogin(context.Background(), "ann"); me.Away {
		t.Fatal("still away after coming back")
	}
}
