package web_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// TestAPIActsThroughTheUIsRules checks what a program's changes do: they
// are audited under the token's name, refused for a customer who does not
// want to be contacted, and a token sees conversations of every team.
func TestAPIActsThroughTheUIsRules(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	writer, err := db.IssueAPIToken(ctx, &resonanz.APIToken{Name: "Shop", Scopes: []string{resonanz.ScopeRead, resonanz.ScopeWrite}})
	must(t, err)
	reader, err := db.IssueAPIToken(ctx, &resonanz.APIToken{Name: "BI", Scopes: []string{resonanz.ScopeRead}})
	must(t, err)
	lea := addUser(t, db, "lea", resonanz.RoleLead)
	team, err := db.CreateTeam(ctx, "Kasse")
	must(t, err)
	var convs []string
	for i := range 3 {
		res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "mastodon", ExternalID: strconv.Itoa(i),
			Author: resonanz.Author{Handle: "@k" + strconv.Itoa(i) + "@example.social"}, Text: "Hallo", Visibility: resonanz.Public,
			Time: time.Now().Add(time.Duration(i-10) * time.Minute)}})
		must(t, err)
		must(t, db.UpdateConversation(ctx, res[0].ConversationID, lea, resonanz.ConversationUpdate{TeamID: &team.ID}))
		convs = append(convs, strconv.FormatInt(res[0].ConversationID, 10))
	}

	t.Run("AuditedUnderTheTokensName", func(t *testing.T) {
		if status, body := do(t, "POST", base+"/api/v1/conversations/"+convs[0]+"/status", writer, `{"status":"waiting"}`); status != 200 {
			t.Fatalf("status: %d %s", status, body)
		}
		id, _ := strconv.ParseInt(convs[0], 10, 64)
		tl, err := db.Timeline(ctx, id)
		must(t, err)
		last := tl.Audit[len(tl.Audit)-1]
		if last.Kind != resonanz.AuditStatus || last.UserName != "Shop" {
			t.Fatalf("the last audit entry is %s by %q, want status by the token Shop", last.Kind, last.UserName)
		}
		users, err := db.FindUsers(ctx)
		must(t, err)
		for _, u := range users {
			if u.Name == "Shop" {
				t.Fatal("the token's user is offered among the people")
			}
		}
	})

	t.Run("ReadScopeCannotChange", func(t *testing.T) {
		status, body := do(t, "POST", base+"/api/v1/conversations/"+convs[1]+"/notes", reader, `{"text":"x"}`)
		if status != 403 || !strings.Contains(string(body), `"code":"forbidden"`) {
			t.Fatalf("a read token adding a note: %d %s", status, body)
		}
	})

	t.Run("ConsentRefusesAReply", func(t *testing.T) {
		id, _ := strconv.ParseInt(convs[2], 10, 64)
		// No service messages at all: even a direct answer may not leave.
		must(t, db.RecordWish(ctx, id, lea, resonanz.Wish{Purpose: resonanz.PurposeService, State: resonanz.WishDenied, Reason: "per Telefon"}))
		status, body := do(t, "POST", base+"/api/v1/conversations/"+convs[2]+"/reply", writer, `{"text":"Neuigkeiten!"}`)
		if status != 403 {
			t.Fatalf("a reply to a customer who opted out: %d %s", status, body)
		}
		_, msgs := do(t, "GET", base+"/api/v1/conversations/"+convs[2]+"/messages", reader, "")
		if strings.Contains(string(msgs), "Neuigkeiten") {
			t.Fatal("the refused reply was stored")
		}
	})

	t.Run("PagesWithAnOpaqueCursor", func(t *testing.T) {
		seen := map[float64]bool{}
		url := base + "/api/v1/conversations?limit=2&team=" + strconv.FormatInt(team.ID, 10)
		for pages := 0; url != ""; pages++ {
			if pages > 3 {
				t.Fatal("the pages never end")
			}
			status, body := do(t, "GET", url, reader, "")
			var page struct {
				Conversations []struct{ ID float64 } `json:"conversations"`
				Next          *string                `json:"next_cursor"`
			}
			if status != 200 || json.Unmarshal(body, &page) != nil {
				t.Fatalf("%d %s", status, body)
			}
			for _, c := range page.Conversations {
				if seen[c.ID] {
					t.Fatalf("conversation %v on two pages", c.ID)
				}
				seen[c.ID] = true
			}
			url = ""
			if page.Next != nil {
				if strings.Contains(*page.Next, ".") {
					t.Fatalf("the cursor %q shows its insides", *page.Next)
				}
				url = base + "/api/v1/conversations?limit=2&team=" + strconv.FormatInt(team.ID, 10) + "&cursor=" + *page.Next
			}
		}
		if len(seen) != 3 {
			t.Fatalf("the pages held %d conversations of the team, want all 3 (tokens see every team)", len(seen))
		}
	})
}
