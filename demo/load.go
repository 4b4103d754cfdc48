package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/resonanz/resonanz"
)

// The demo's users all share one password; Load prints them.
const (
	// Login is the demo administrator's login.
	Login = "demo@example.org"
	// Password is every demo user's password.
	Password = "resonanz-demo"
	// loadSeed makes every demo database hold the same messages.
	loadSeed = 2026
)

// seededUsers are the demo's people: an administrator, a lead and two agents.
var seededUsers = []resonanz.User{
	{Login: Login, Name: "Dana Demo", Role: resonanz.RoleAdmin},
	{Login: "lea@example.org", Name: "Lea Lehmann", Role: resonanz.RoleLead},
	{Login: "tom@example.org", Name: "Tom Berger", Role: resonanz.RoleAgent},
	{Login: "aylin@example.org", Name: "Aylin Kaya", Role: resonanz.RoleAgent},
}

// teams are the demo's teams with the topics they handle and their
// members (indexes into seededUsers).
var teams = []struct {
	name    string
	topics  []string
	members []int
}{
	{"Versand & Lieferung", []string{"delivery"}, []int{2, 3}},
	{"Rechnung & Vertrag", []string{"billing", "contract"}, []int{1, 3}},
	{"App & Website", []string{"app"}, []int{2}},
	{"Filiale", []string{"quality", "service"}, []int{3}},
}

// Load fills an empty database with demo users, teams and about 2,000
// generated customer messages, some already worked on by the demo agents.
// It reports whether it loaded them now (not on an earlier start).
func Load(ctx context.Context, db Store, analyzer resonanz.Analyzer, out io.Writer) (bool, error) {
	defer func() {
		fmt.Fprintf(out, "Demo login: %s / %s\n", Login, Password)
		for _, u := range seededUsers {
			fmt.Fprintf(out, "  %-20s %-12s %s\n", u.Login, u.Name, u.Role)
		}
	}()
	if _, err := db.FindUserByLogin(ctx, Login); err == nil {
		return false, nil
	}
	var users []*resonanz.User
	for _, u := range seededUsers {
		u := u
		if err := db.CreateUser(ctx, &u, Password); err != nil {
			return false, err
		}
		users = append(users, &u)
	}
	if err := setUpRouting(ctx, db, users); err != nil {
		return false, err
	}
	if err := setUpDesk(ctx, db, users); err != nil {
		return false, err
	}
	if err := setUpHelpCenter(ctx, db, users[1]); err != nil {
		return false, err
	}
	if err := setUpVoice(ctx, db, users[1]); err != nil {
		return false, err
	}
	if err := setUpSurveys(ctx, db, users); err != nil {
		return false, err
	}
	msgs := Generate(loadSeed, time.Now().UTC())
	if err := setUpChannels(ctx, db, msgs); err != nil {
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
	return true, workConversations(ctx, db, msgs, results, users)
}
