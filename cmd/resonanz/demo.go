package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/demo"
	"github.com/resonanz/resonanz/store"
)

// Demo users all share this password, printed at start.
const (
	demoLogin    = "demo@example.org"
	demoPassword = "resonanz-demo"
	demoSeed     = 2026
)

var demoUsers = []resonanz.User{
	{Login: demoLogin, Name: "Dana Demo", Role: resonanz.RoleAdmin},
	{Login: "lea@example.org", Name: "Lea Lehmann", Role: resonanz.RoleLead},
	{Login: "tom@example.org", Name: "Tom Berger", Role: resonanz.RoleAgent},
	{Login: "aylin@example.org", Name: "Aylin Kaya", Role: resonanz.RoleAgent},
}

// demoTeams are the demo's teams with the topics they handle and their
// members (indexes into demoUsers).
var demoTeams = []struct {
	name    string
	topics  []string
	members []int
}{
	{"Versand & Lieferung", []string{"delivery"}, []int{2, 3}},
	{"Rechnung & Vertrag", []string{"billing", "contract"}, []int{1, 3}},
	{"App & Website", []string{"app"}, []int{2}},
	{"Filiale", []string{"quality", "service"}, []int{3}},
}

// loadDemo fills an empty database with demo users, teams and about 2,000
// generated customer messages, some already worked on by the demo agents.
// It reports whether it loaded them now (not on an earlier start).
func loadDemo(ctx context.Context, db *store.DB, analyzer resonanz.Analyzer, out io.Writer) (bool, error) {
	defer fmt.Fprintf(out, "Demo login: %s / %s\n", demoLogin, demoPassword)
	if _, err := db.FindUserByLogin(ctx, demoLogin); err == nil {
		return false, nil
	}
	var users []*resonanz.User
	for _, u := range demoUsers {
		u := u
		if err := db.CreateUser(ctx, &u, demoPassword); err != nil {
			return false, err
		}
		users = append(users, &u)
	}
	if err := setUpDemoRouting(ctx, db, users); err != nil {
		return false, err
	}
	if err := setUpDemoDesk(ctx, db, users); err != nil {
		return false, err
	}
	msgs := demo.Generate(demoSeed, time.Now().UTC())
	if err := setUpDemoChannels(ctx, db, msgs); err != nil {
		return false, err
	}
	fmt.Fprintf(out, "Loading %d demo messages…\n", len(msgs))
	for i := range msgs {
		msgs[i].Analysis = analyzer.Analyze(msgs[i].Text)
	}
	var results []resonanz.IngestResult
	for start := 0; start < len(msgs); start += 500 {
		batch, err := db.Ingest(ctx, msgs[start:min(start+500, len(msgs))])
		if err != nil {
			return false, err
		}
		results = append(results, batch...)
	}
	return true, workDemoConversations(ctx, db, msgs, results, users)
}

// workDemoConversations gives the demo the look of an inbox in use: older
// cases solved, some owned, replied to and noted. The routing rules give
// them their teams and the rest of the owners.
func workDemoConversations(ctx context.Context, db *store.DB, msgs []resonanz.IncomingMessage, results []resonanz.IngestResult,
	users []*resonanz.User) error {
	lead, agents := users[1], users[2:]
	seen := map[int64]bool{}
	cutoff := time.Now().Add(-3 * 24 * time.Hour)
	for i, res := range results {
		if res.Duplicate || seen[res.ConversationID] {
			continue
		}
		seen[res.ConversationID] = true
		upd := resonanz.ConversationUpdate{}
		agent := agents[i%len(agents)]
		if i%3 != 0 {
			upd.OwnerID = &agent.ID
		}
		if msgs[i].Time.Before(cutoff) && i%4 != 0 {
			status := resonanz.StatusSolved
			if i%5 == 0 {
				status = resonanz.StatusClosed
			}
			upd.Status = &status
		}
		if err := db.UpdateConversation(ctx, res.ConversationID, lead, upd); err != nil {
			return err
		}
		// Replies are written now, so only recent messages get one.
		if i%3 == 0 && msgs[i].Time.After(time.Now().Add(-2*24*time.Hour)) {
			text := "Danke für Ihre Nachricht! Wir kümmern uns darum und melden uns bis morgen."
			if _, err := db.Reply(ctx, res.ConversationID, agent, text, msgs[i].Visibility == resonanz.Public); err != nil {
				return err
			}
		}
		if i%11 == 0 {
			if err := db.AddNote(ctx, res.ConversationID, agent, "Kunde schon zweimal vertröstet – bitte bevorzugt behandeln."); err != nil {
				return err
			}
		}
	}
	return nil
}
