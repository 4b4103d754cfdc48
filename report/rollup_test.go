package report_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/report"
	"github.com/resonanz/resonanz/retention"
	"github.com/resonanz/resonanz/store"
)

// countedRaw reads every figure from the conversations themselves, as the
// reports did before the rollups: its zone is never the rollups' one.
type countedRaw struct{ *store.DB }

func (countedRaw) ReportZone(context.Context) (string, error) { return "", nil }

// TestOverviewFromRollupsIsExact: the overview read from the rollups equals
// the one counted from the conversations, for every filter and for periods
// by day and by week, after the conversations were answered, solved,
// reopened, relabelled, assigned, erased and deleted, and after the
// company moved to a zone half an hour off the hour.
func TestOverviewFromRollupsIsExact(t *testing.T) {
	onEachEngine(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		support, err := d.db.CreateTeam(ctx, "Support")
		d.must(err)
		channels := []string{"email", "mastodon", "bluesky"}
		kinds := []string{resonanz.KindComplaint, resonanz.KindQuestion, resonanz.KindPraise}
		sentiments := []string{resonanz.Negative, resonanz.Neutral, resonanz.Positive}
		topics := [][]string{{"delivery"}, {"invoice", "delivery"}, nil, {"app"}}
		start := utc(1, 6, 0)
		var ids []int64
		for i := range 60 {
			at := start.Add(time.Duration(i) * 17 * time.Hour)
			a := analysis(kinds[i%3], sentiments[i%3], topics[i%4]...)
			if i%5 == 0 {
				a.Language = resonanz.LangEnglish
			}
			ids = append(ids, d.arrive(fmt.Sprintf("c%d@x.org", i), channels[i%3], at, a, i%2 == 0))
			switch i % 6 {
			case 1:
				d.reply(ids[i], at.Add(3*time.Hour))
			case 2:
				d.reply(ids[i], at.Add(time.Hour))
				d.solve(ids[i], at.Add(5*time.Hour))
			}
		}
		d.now = start.AddDate(0, 0, 44)
		compare := func(t *testing.T) {
			t.Helper()
			loc := d.mustZone(ctx)
			end := time.Date(2030, 4, 12, 0, 0, 0, 0, loc)
			week := report.NewPeriod(end.AddDate(0, 0, -6), end, loc)
			long := report.NewPeriod(end.AddDate(0, 0, -39), end, loc)
			filters := []report.Filter{{}, {Channel: "mastodon"}, {Topic: "delivery"}, {Language: resonanz.LangEnglish},
				{TeamID: support.ID}, {OwnerID: d.lead.ID}, {Channel: "email", Topic: "invoice"}}
			for _, p := range []report.Period{week, long} {
				for _, f := range filters {
					f.Period = p
					rolled, err := (&report.Reporter{Facts: d.db, SLA: d.db, Location: loc}).Overview(ctx, f, d.now)
					d.must(err)
					raw, err := (&report.Reporter{Facts: countedRaw{d.db}, SLA: d.db, Location: loc}).Overview(ctx, f, d.now)
					d.must(err)
					if !reflect.DeepEqual(rolled, raw) {
						t.Errorf("%d days, filter %+v:\nrollups %+v\nraw     %+v", p.Days, f, rolled, raw)
					}
				}
			}
		}
		t.Run("AsWritten", compare)

		t.Run("AfterChanges", func(t *testing.T) {
			d.solve(ids[10], d.now)
			d.solve(ids[11], d.now)
			d.now = d.now.Add(time.Hour)
			again := resonanz.IncomingMessage{Channel: "bluesky", ExternalID: "again", ReplyTo: "c11@x.org", Author: resonanz.Author{Handle: "c11@x.org"},
				Text: "Noch da?", Visibility: resonanz.Private, Time: d.now, Analysis: analysis(resonanz.KindComplaint, resonanz.Negative, "app", "refund")}
			_, err := d.db.Ingest(ctx, []resonanz.IncomingMessage{again})
			d.must(err)
			team, owner := support.ID, d.lead.ID
			for _, id := range ids[20:30] {
				d.must(d.db.UpdateConversation(ctx, id, d.lead, resonanz.ConversationUpdate{TeamID: &team, OwnerID: &owner}))
			}
			d.relabel(ids[40], "kind", resonanz.KindPraise)
			d.relabel(ids[41], "topics", "app,invoice")
			d.relabel(ids[42], "language", resonanz.LangEnglish)
			c, err := d.db.FindConversationByID(ctx, ids[45])
			d.must(err)
			_, err = d.db.ErasePerson(ctx, c.ContactID, d.lead)
			d.must(err)
			d.must(d.db.SetRetention(ctx, resonanz.RetentionPolicy{Channel: "mastodon", Months: 1}))
			gone, err := retention.Apply(ctx, d.db, d.db.Now())
			d.must(err)
			if gone == 0 {
				t.Fatal("retention deleted nothing; the test needs deleted conversations")
			}
			compare(t)
		})

		t.Run("InAnotherZone", func(t *testing.T) {
			d.must(d.db.CountReportsIn(ctx, mustZone("America/St_Johns")))
			compare(t)
		})
	})
}

// mustZone is the zone the rollups count by: a test that fell back to
// counting the conversations would compare them with themselves.
func (d *desk) mustZone(ctx context.Context) *time.Location {
	d.t.Helper()
	zone, err := d.db.ReportZone(ctx)
	d.must(err)
	if zone == "" {
		d.t.Fatal("the rollups count by no zone")
	}
	return mustZone(zone)
}

// relabel corrects a label of the conversation's latest customer message.
func (d *desk) relabel(conversationID int64, field, value string) {
	d.t.Helper()
	var messageID int64
	d.must(d.raw.QueryRow(`SELECT max(id) FROM messages WHERE conversation_id = $1 AND direction = 'in'`, conversationID).Scan(&messageID))
	_, err := d.db.CorrectLabel(context.Background(), messageID, d.lead, field, value)
	d.must(err)
}
