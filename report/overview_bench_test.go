package report_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/report"
)

// BenchmarkOverview computes a week's overview of 20,000 new conversations,
// a third of them answered.
func BenchmarkOverview(b *testing.B) {
	d := newDesk(b, "sqlite")
	ctx := context.Background()
	start := time.Date(2030, 3, 4, 0, 0, 0, 0, berlin)
	kinds := []string{resonanz.KindComplaint, resonanz.KindQuestion, resonanz.KindPraise}
	const n = 20000
	for i := 0; i < n; i += 500 {
		var batch []resonanz.IncomingMessage
		for j := i; j < i+500; j++ {
			batch = append(batch, resonanz.IncomingMessage{Channel: "email", ExternalID: strconv.Itoa(j), Author: resonanz.Author{Handle: strconv.Itoa(j) + "@x.org"},
				Text: "Hallo", Visibility: resonanz.Private, Time: start.Add(time.Duration(j) * (7 * 24 * time.Hour / n)),
				Analysis: analysis(kinds[j%3], resonanz.Negative, "delivery")})
		}
		d.now = start.AddDate(0, 0, 8) // the messages are in the past
		res, err := d.db.Ingest(ctx, batch)
		if err != nil {
			b.Fatal(err)
		}
		for k, r := range res {
			if k%3 == 0 {
				d.now = batch[k].Time.Add(time.Hour)
				if _, err := d.db.Reply(ctx, r.ConversationID, d.lead, "ok", false); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	r := &report.Reporter{Facts: d.db, SLA: d.db, Location: berlin}
	f := report.Filter{Period: report.NewPeriod(start, start.AddDate(0, 0, 6), berlin)}
	b.ResetTimer()
	for b.Loop() {
		o, err := r.Overview(ctx, f, start.AddDate(0, 0, 8))
		if err != nil || o.New != n {
			b.Fatalf("%v, %d new", err, o.New)
		}
	}
}
