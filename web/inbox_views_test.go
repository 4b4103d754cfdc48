package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// The inbox opens on the open work, with counts per view of what the agent
// may see; solved and closed cases show when asked for.
func TestInboxShowsOpenWork(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	tom := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	loggedIn(t, base, db, "kai", resonanz.RoleAgent)
	me, _ := db.FindUserByLogin(ctx, "tom")
	_, hidden := twoTeamConversations(t, db, []string{"tom"}, "kai")
	var ids []int64
	for i, name := range []string{"Offen", "Wartet", "Geloest", "Zu"} {
		res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: name, Author: resonanz.Author{Handle: name + "@example.org", DisplayName: name},
			Text: "Frage " + name, Visibility: resonanz.Private, Time: time.Now().Add(time.Duration(i-10) * time.Minute)}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res[0].ConversationID)
	}
	for i, status := range []string{"", resonanz.StatusWaiting, resonanz.StatusSolved, resonanz.StatusClosed} {
		upd := resonanz.ConversationUpdate{OwnerID: &me.ID}
		if status != "" {
			upd.Status = &status
		}
		if err := db.UpdateConversation(ctx, ids[i], me, upd); err != nil {
			t.Fatal(err)
		}
	}

	_, body := tom.get("/")
	for _, name := range []string{"Offen", "Wartet"} {
		mustContain(t, body, `<td class="customer">`+name+`</td>`)
	}
	for _, name := range []string{"Geloest", "Zu"} {
		if strings.Contains(body, `<td class="customer">`+name+`</td>`) {
			t.Fatalf("the default inbox shows the %s case", name)
		}
	}
	// Open work tom may see: Offen, Wartet and his team's conversation; not kai's.
	views := between(body, `id="views"`, "</nav>")
	for _, want := range []string{`id="view-all" aria-current="page">All open <span class="view-count">3</span>`,
		`id="view-mine">Mine <span class="view-count">2</span>`, `Unassigned <span class="view-count">1</span>`, `Overdue <span class="view-count">0</span>`} {
		if !strings.Contains(views, want) {
			t.Fatalf("views %q lack %q", views, want)
		}
	}
	if _, body := tom.get("/?status=all"); !strings.Contains(body, `<td class="customer">Geloest</td>`) || strings.Contains(body, `data-id="`+itoa(hidden)+`"`) {
		t.Fatal("status=all does not show the solved case, or shows kai's")
	}
	if _, body := tom.get("/?status=solved"); !strings.Contains(body, `<td class="customer">Geloest</td>`) || strings.Contains(body, `<td class="customer">Offen</td>`) {
		t.Fatal("status=solved shows the wrong cases")
	}
}
