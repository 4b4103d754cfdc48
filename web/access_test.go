package web_test

import (
	"context"
	"fmt"
	"net/http"
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
