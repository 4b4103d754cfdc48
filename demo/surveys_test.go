package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// The demo shows answered surveys and some customers' wishes.
func TestDemoSurveysAndWishes(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	db := loaded(t)
	ctx := context.Background()
	results, err := db.SurveyResults(ctx, time.Now().AddDate(0, 0, -60))
	must(t, err)
	answered := map[string]int{}
	for _, r := range results {
		answered[r.Question] += r.Answered
	}
	if answered[resonanz.QuestionCSAT] < 10 || answered[resonanz.QuestionNPS] < 10 {
		t.Fatalf("answered surveys %v", answered)
	}
	wishes := demoWishCount(t, db)
	for _, source := range []string{resonanz.SourceAgent, resonanz.SourceCustomer} {
		if wishes[source] < 5 {
			t.Fatalf("wishes by source %v", wishes)
		}
	}
}

// demoWishCount counts the demo's wishes by source, reading the contacts of
// the first conversations.
func demoWishCount(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	ctx := context.Background()
	counts := map[string]int{}
	seen := map[int64]bool{}
	var after *resonanz.Cursor
	for {
		page, err := db.FindConversations(ctx, resonanz.ConversationFilter{Limit: 200, After: after})
		must(t, err)
		for _, c := range page.Conversations {
			if seen[c.ContactID] {
				continue
			}
			seen[c.ContactID] = true
			cw, err := db.ContactWishes(ctx, c.ContactID)
			must(t, err)
			for _, w := range cw.History {
				counts[w.Source]++
			}
		}
		if page.Next == nil {
			return counts
		}
		after = page.Next
	}
}
