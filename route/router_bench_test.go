package route_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// BenchmarkRouterRouteAll measures the router on a real database: new
// conversations routed by two rules, assigned round-robin and given a clock
// with two timers each, 500 per transaction.
func BenchmarkRouterRouteAll(b *testing.B) {
	f := newRoutingFixture(b)
	ctx := context.Background()
	const batch = 500
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		msgs := make([]resonanz.IncomingMessage, batch)
		for j := range msgs {
			customer := fmt.Sprintf("c%d-%d", i, j)
			msgs[j] = resonanz.IncomingMessage{Channel: "email", ExternalID: customer, Author: resonanz.Author{Handle: customer},
				Text: "Mein Paket ist nicht angekommen", Visibility: resonanz.Private, Time: time.Now(),
				Analysis: resonanz.Analysis{Topics: []string{"delivery"}}}
		}
		if _, err := f.db.Ingest(ctx, msgs); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := f.router.RouteAll(ctx)
		if err != nil || n != batch {
			b.Fatalf("routed %d, err %v", n, err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "conversations/s")
}
