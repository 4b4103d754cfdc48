package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// otherTeamsCase puts a conversation in a team the agent does not belong to,
// while the agent belongs to another team, so that she may not see it.
func otherTeamsCase(t *testing.T, db *store.DB, agent *resonanz.User) int64 {
	t.Helper()
	ctx := context.Background()
	versand, err := db.CreateTeam(ctx, "Versand")
	if err != nil {
		t.Fatal(err)
	}
	kasse, err := db.CreateTeam(ctx, "Kasse")
	if err != nil {
		t.Fatal(err)
	}
	versand.Members = []int64{agent.ID}
	if err := db.SaveTeam(ctx, versand); err != nil {
		t.Fatal(err)
	}
	conv := newConversation(t, db)
	if err := db.UpdateConversation(ctx, conv, agent, resonanz.ConversationUpdate{TeamID: &kasse.ID}); err != nil {
		t.Fatal(err)
	}
	return conv
}

// An agent cannot keep, break or take over a promise of a conversation she
// may not see; the promise answers as if it did not exist.
func TestPromiseOfHiddenConversation(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent, ann := logInAs(t, base, db, "ann", resonanz.RoleAgent)
	_, lea := logInAs(t, base, db, "lea", resonanz.RoleLead)
	conv := otherTeamsCase(t, db, ann)
	p := &resonanz.Promise{ConversationID: conv, Text: "Rückruf morgen", DueAt: time.Now().Add(24 * time.Hour), OwnerID: lea.ID}
	if err := db.AddPromise(context.Background(), p, lea); err != nil {
		t.Fatal(err)
	}
	if status, _ := agent.get(fmt.Sprint("/conversations/", conv)); status != http.StatusNotFound {
		t.Fatalf("the conversation answers %d, want 404", status)
	}
	for _, tc := range []struct {
		name   string
		fields []string
	}{
		{"keep", nil},
		{"break", []string{"reason", "vergessen"}},
		{"handover", []string{"to", fmt.Sprint(ann.ID), "note", "meins"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := agent.post(fmt.Sprint("/promises/", p.ID, "/", tc.name), tc.fields...)
			wantPage(t, status, body, http.StatusNotFound, "No such promise.")
			unknown, _ := agent.post(fmt.Sprint("/promises/", p.ID+1000, "/", tc.name), tc.fields...)
			if unknown != status {
				t.Fatalf("an unknown promise answers %d, a hidden one %d", unknown, status)
			}
		})
	}
	list, err := db.FindPromises(context.Background(), resonanz.PromiseFilter{ConversationID: conv})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].State != resonanz.PromiseOpen || list[0].OwnerID != lea.ID {
		t.Fatalf("the hidden promise changed: %+v", list[0])
	}
}

// An agent cannot relabel a message in a conversation she may not see, and
// the answer does not tell such a message from one that does not exist.
func TestLabelOfHiddenMessage(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent, ann := logInAs(t, base, db, "ann", resonanz.RoleAgent)
	conv := otherTeamsCase(t, db, ann)
	tl, err := db.Timeline(context.Background(), conv)
	if err != nil {
		t.Fatal(err)
	}
	msg := tl.Entries[0].Message
	hidden, hiddenBody := agent.post(fmt.Sprint("/messages/", msg.ID, "/label"), "field", "kind", "value", resonanz.KindPraise)
	wantPage(t, hidden, hiddenBody, http.StatusNotFound, "No such message.")
	unknown, unknownBody := agent.post(fmt.Sprint("/messages/", msg.ID+1000, "/label"), "field", "kind", "value", resonanz.KindPraise)
	if unknown != hidden || errorText(unknownBody) != errorText(hiddenBody) {
		t.Fatalf("an unknown message answers %d %q, a hidden one %d %q", unknown, errorText(unknownBody), hidden, errorText(hiddenBody))
	}
	if bad, _ := agent.post(fmt.Sprint("/messages/", msg.ID, "/label"), "field", "colour", "value", "red"); bad != http.StatusNotFound {
		t.Fatalf("a bad label on a hidden message answers %d, want 404 before any check of the form", bad)
	}
	corrections, err := db.LabelCorrections(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(corrections) != 0 {
		t.Fatalf("the hidden message was relabelled: %+v", corrections)
	}
}

// errorText is the message an error page shows.
func errorText(page string) string {
	_, after, _ := strings.Cut(page, `id="error-message">`)
	text, _, _ := strings.Cut(after, "<")
	return text
}
