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
