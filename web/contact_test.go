package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// TestContactPage: one person who wrote by Mastodon and by the API shows
// under two handles once an agent links them; an agent of another team
// cannot see, link or unlink the person.
func TestContactPage(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	now := time.Now().Add(-time.Hour)
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{
		{Channel: "mastodon", ExternalID: "social.example/1", Author: resonanz.Author{Handle: "@anna@social.example", DisplayName: "Anna"},
			Text: "Paket fehlt", Visibility: resonanz.Public, Time: now},
		{Channel: "form", ExternalID: "f-1", Author: resonanz.Author{Handle: "anna@social.example", DisplayName: "Anna Berg"},
			Text: "Ich schrieb schon auf Mastodon", Visibility: resonanz.Private, Time: now.Add(time.Minute)}})
	if err != nil {
		t.Fatal(err)
	}
	first, _ := db.FindConversationByID(ctx, res[0].ConversationID)
	second, _ := db.FindConversationByID(ctx, res[1].ConversationID)
	lea, _ := logInAs(t, base, db, "lea", resonanz.RoleLead)
	page := "/contacts/" + itoa(first.ContactID)

	status, body := lea.get(page)
	wantPage(t, status, body, http.StatusOK, "anna@social.example")
	if !strings.Contains(body, `id="contact-suggestions"`) || !strings.Contains(body, "/contacts/"+itoa(second.ContactID)) {
		t.Fatal("the other handle of the same person is not suggested")
	}
	status, _ = lea.post(page+"/link", "other", itoa(second.ContactID))
	if status != http.StatusSeeOther {
		t.Fatalf("link: %d", status)
	}
	status, body = lea.get(page)
	wantPage(t, status, body, http.StatusOK, "Ich schrieb schon auf Mastodon")
	for _, want := range []string{"@anna@social.example", "anna@social.example", "Paket fehlt", `id="contact-audit"`} {
		if !strings.Contains(body, want) {
			t.Fatalf("the linked person's page lacks %q", want)
		}
	}
	if strings.Contains(body, `id="contact-suggestions"`) {
		t.Fatal("the linked contact is still suggested")
	}

	t.Run("AgentOfAnotherTeam", func(t *testing.T) {
		ann, me := logInAs(t, base, db, "ann", resonanz.RoleAgent)
		versand, _ := db.CreateTeam(ctx, "Versand")
		kasse, _ := db.CreateTeam(ctx, "Kasse")
		versand.Members = []int64{me.ID}
		if err := db.SaveTeam(ctx, versand); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{res[0].ConversationID, res[1].ConversationID} {
			if err := db.UpdateConversation(ctx, id, me, resonanz.ConversationUpdate{TeamID: &kasse.ID}); err != nil {
				t.Fatal(err)
			}
		}
		if status, _ := ann.get(page); status != http.StatusNotFound {
			t.Fatalf("another team's customer: %d, want 404", status)
		}
		if status, _ := ann.post(page+"/unlink", "channel", "form", "handle", "anna@social.example"); status != http.StatusNotFound {
			t.Fatalf("unlinking another team's customer: %d, want 404", status)
		}
	})
}
