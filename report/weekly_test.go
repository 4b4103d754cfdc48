package report_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/report"
)

// TestLastWeek: the last complete week is Monday to Sunday in Berlin; just
// after midnight on a Monday in Berlin (still Sunday in UTC) it is the week
// that just ended.
func TestLastWeek(t *testing.T) {
	for _, tc := range []struct {
		now      time.Time
		from, to string
	}{
		{utc(6, 12, 0), "2030-02-25", "2030-03-03"},  // Wednesday
		{utc(3, 23, 30), "2030-02-25", "2030-03-03"}, // Monday 00:30 in Berlin
		{utc(3, 22, 30), "2030-02-18", "2030-02-24"}, // Sunday 23:30 in Berlin
	} {
		p := report.LastWeek(tc.now, berlin)
		if got := [2]string{p.From.Format(time.DateOnly), p.Last().Format(time.DateOnly)}; got != [2]string{tc.from, tc.to} || p.Days != 7 {
			t.Errorf("at %s: %v (%d days); want %s to %s", tc.now, got, p.Days, tc.from, tc.to)
		}
	}
}

// TestWeeklySummaryGoesOutOnce: the week's figures are queued with a mail,
// and asking again (another hour, a restart) queues nothing more.
func TestWeeklySummaryGoesOutOnce(t *testing.T) {
	onEachEngine(t, func(t *testing.T, d *desk) {
		d.arrive("a@x.org", "email", utc(26, 9, 0).AddDate(0, -1, 0), analysis(resonanz.KindComplaint, resonanz.Negative, "delivery"), true) // Tue 26 Feb
		d.arrive("b@x.org", "email", utc(4, 9, 0), analysis(resonanz.KindPraise, resonanz.Positive), false)                                  // this week
		var mailed []report.Summary
		w := &report.Weekly{Reporter: &report.Reporter{Facts: d.db, SLA: d.db, Location: berlin}, Queue: d.db, BaseURL: "https://desk.example",
			Now: func() time.Time { return utc(6, 12, 0) }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Mail: func(s report.Summary) *resonanz.AlertMail {
				mailed = append(mailed, s)
				return &resonanz.AlertMail{To: []string{"lead@example.org"}, Subject: "s", Body: "b"}
			}}
		ctx := context.Background()
		for i, want := range []bool{true, false} {
			queued, err := w.SendDue(ctx)
			if err != nil || queued != want {
				t.Fatalf("call %d: queued %v, %v; want %v", i+1, queued, err, want)
			}
		}
		if len(mailed) == 0 {
			t.Fatal("no mail composed")
		}
		s := mailed[0]
		if s.New != 1 || s.Complaints != 1 || s.Praise != 0 || s.OpenNow != 2 || s.URL != "https://desk.example/reports?from=2030-02-25&to=2030-03-03" {
			raw, _ := json.Marshal(s)
			t.Errorf("summary %s; want the one complaint of that week, two open now, a link to the week", raw)
		}
	})
}
