package store_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// While no subscription is live, the cursors pass what happens unread; a
// subscription hears what happens after it, and its end stops that again.
func TestEventsWhileNobodyListensAreSkipped(t *testing.T) {
	contract(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		unheard := func(want bool) {
			t.Helper()
			got, err := db.SkipUnheardEvents(ctx)
			if err != nil || got != want {
				t.Fatalf("unheard %v (%v), want %v", got, err, want)
			}
		}
		facts := func() []string {
			t.Helper()
			list, _, err := db.EventFacts(ctx, 500)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, f := range list {
				texts = append(texts, f.Source+":"+f.Params["text"])
			}
			return texts
		}
		mustIngest(t, db, msg("email", "1", "a@example.org", "Paket fehlt", 1), msg("email", "2", "b@example.org", "Rechnung falsch", 2))
		unheard(true)
		if got := facts(); len(got) != 0 {
			t.Fatalf("facts of the time nobody listened: %q", got)
		}
		unheard(true) // nothing behind: nothing written

		s := &resonanz.EventSubscription{URL: "https://hooks.example.org/in", Events: resonanz.EventKinds}
		if _, err := db.Subscribe(ctx, s); err != nil {
			t.Fatal(err)
		}
		mustIngest(t, db, msg("email", "3", "c@example.org", "Wo bleibt mein Geld", 3))
		unheard(false)
		if got := facts(); len(got) != 1 || got[0] != resonanz.EventSourceMessage+":Wo bleibt mein Geld" {
			t.Fatalf("facts with a subscription: %q, want the new message only", got)
		}

		if err := db.Unsubscribe(ctx, s.ID); err != nil {
			t.Fatal(err)
		}
		mustIngest(t, db, msg("email", "4", "d@example.org", "Kündigung", 4))
		unheard(true)
		if got := facts(); len(got) != 0 {
			t.Fatalf("facts after the subscription ended: %q", got)
		}
	})
}
