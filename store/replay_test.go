package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// A restarted storm monitor is handed every complaint since a moment, in
// time order, once each, also where a page of the replay ends between
// messages sent at the same moment.
func TestReplayComplaintsInTimeOrder(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		const n = 3200
		var msgs []resonanz.IncomingMessage
		for i := range n {
			// Seven messages share each minute, and later ones were sent earlier.
			m := msg("email", fmt.Sprintf("m%d", i), fmt.Sprintf("c%d@example.org", i), "Wo bleibt mein Paket?", (n-i)/7)
			if i%4 != 0 {
				m.Analysis.Sentiment = resonanz.Negative
			}
			msgs = append(msgs, m)
		}
		for from := 0; from < n; from += 500 {
			mustIngest(t, db, msgs[from:min(from+500, n)]...)
		}
		since := t0.Add(10 * time.Minute)
		want := 0
		for _, m := range msgs {
			if m.Analysis.Sentiment == resonanz.Negative && !m.Time.Before(since) {
				want++
			}
		}
		seen := map[int64]bool{}
		var last *resonanz.Message
		err := db.ReplayComplaints(ctx, since, func(m *resonanz.Message) error {
			switch {
			case m.Analysis.Sentiment != resonanz.Negative:
				t.Fatalf("message %d is %s, not a complaint", m.ID, m.Analysis.Sentiment)
			case m.SentAt.Before(since):
				t.Fatalf("message %d was sent at %s, before %s", m.ID, m.SentAt, since)
			case seen[m.ID]:
				t.Fatalf("message %d is replayed twice", m.ID)
			case last != nil && (m.SentAt.Before(last.SentAt) || m.SentAt.Equal(last.SentAt) && m.ID < last.ID):
				t.Fatalf("message %d (%s) comes after %d (%s)", m.ID, m.SentAt, last.ID, last.SentAt)
			}
			seen[m.ID], last = true, m
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) != want {
			t.Fatalf("%d complaints replayed, want %d", len(seen), want)
		}
	})
}
