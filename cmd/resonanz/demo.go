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

// Demo users all share this password; they are printed at start.
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
	defer func() {
		fmt.Fprintf(out, "Demo login: %s / %s\n", demoLogin, demoPassword)
		for _, u := range demoUsers {
			fmt.Fprintf(out, "  %-20s %-12s %s\n", u.Login, u.Name, u.Role)
		}
	}()
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
	if err := setUpDemoHelpCenter(ctx, db, users[1]); err != nil {
		return false, err
	}
	if err := setUpDemoVoice(ctx, db, users[1]); err != nil {
		return false, err
	}
	if err := setUpDemoSurveys(ctx, db, users); err != nil {
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
