package demo_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
)

// TestDemoShowsPraiseAndSuggestions: the demo's delivery team finds praise
// for its agents by name on its wall, and the board has entries in several
// states, one of them asked for by two customers.
func TestDemoShowsPraiseAndSuggestions(t *testing.T) {
	db := loaded(t)
	ctx := context.Background()
	teams, err := db.FindTeams(ctx)
	must(t, err)
	named := map[string]bool{}
	for _, team := range teams {
		wall, err := db.PraiseWall(ctx, team.ID, 100)
		must(t, err)
		for _, p := range wall {
			named[p.UserName] = true
		}
	}
	if !named["Tom Berger"] || !named["Aylin Kaya"] {
		t.Errorf("praise on the walls names %v, want Tom Berger and Aylin Kaya", named)
	}
	entries, err := db.Suggestions(ctx, 0)
	must(t, err)
	statuses, most := map[string]int{}, 0
	for _, s := range entries {
		statuses[s.Status]++
		most = max(most, s.Customers)
	}
	if statuses[resonanz.SuggestionPlanned] == 0 || statuses[resonanz.SuggestionDone] == 0 || statuses[resonanz.SuggestionNew] == 0 || most < 2 {
		t.Errorf("board: %d entries by status %v, most customers on one %d", len(entries), statuses, most)
	}
}
