package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestAlerts(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lead := mustUser(t, db, "lea", resonanz.RoleLead)
		res := mustIngest(t, db, msg("mastodon", "m1", "@a", "Warenkorb weg nach Update #AppDesaster", 0),
			msg("forum", "f1", "b", "Seit dem Update ist mein Warenkorb leer", 3))
		a := &resonanz.Alert{Key: "app", Severity: 2, Count: 12, Window: time.Hour, Expected: 1.5, Ratio: 8, Growth: 3,
			Channels: 2, Authors: 12, TopTerms: []string{"warenkorb", "update"}, FirstSeen: t0, LastSeen: t0.Add(time.Hour)}
		if err := db.SaveAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := db.LinkAlertMessages(ctx, a.ID, []int64{res[0].MessageID, res[1].MessageID, res[0].MessageID}); err != nil {
			t.Fatal(err)
		}
		a.Count, a.Severity = 40, 3
		if err := db.SaveAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindAlertByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Count != 40 || got.Severity != 3 || got.Messages != 2 || got.Status != resonanz.AlertOpen || got.TopTerms[1] != "update" ||
			!got.FirstSeen.Equal(t0) || got.Window != time.Hour {
			t.Fatalf("alert %+v", got)
		}
		figures, err := db.FindAlertFigures(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if figures.ID != a.ID || figures.Count != 40 || figures.Severity != 3 || figures.Status != resonanz.AlertOpen ||
			strings.Join(figures.TopTerms, " ") != "warenkorb update" || !figures.LastSeen.Equal(got.LastSeen) {
			t.Fatalf("the monitor's view of the alert %+v, want the figures of %+v", figures, got)
		}
		if _, err := db.FindAlertFigures(ctx, a.ID+1); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
			t.Fatalf("figures of a missing alert: %v, want ENOTFOUND", err)
		}
		hits, err := db.RoomMessages(ctx, a.ID, true, 10)
		if err != nil || len(hits) != 2 || hits[0].Message.Channel != "forum" {
			t.Fatalf("crisis room messages %v, %v", hits, err)
		}
		t.Run("Lifecycle", func(t *testing.T) {
			if err := db.SetAlertStatus(ctx, a.ID, lead, resonanz.AlertAcknowledged); err != nil {
				t.Fatal(err)
			}
			if err := db.SetAlertStatus(ctx, a.ID, lead, resonanz.AlertAcknowledged); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("second acknowledge: %v", err)
			}
			if err := db.SetAlertStatus(ctx, a.ID, lead, resonanz.AlertResolved); err != nil {
				t.Fatal(err)
			}
			got, _ := db.FindAlertByID(ctx, a.ID)
			if got.Status != resonanz.AlertResolved || got.AcknowledgedBy != "User lea" || got.ResolvedAt.IsZero() {
				t.Fatalf("resolved alert %+v", got)
			}
			open, _ := db.FindAlerts(ctx, false)
			all, _ := db.FindAlerts(ctx, true)
			if len(open) != 0 || len(all) != 1 {
				t.Fatalf("%d open and %d alerts in all after resolving", len(open), len(all))
			}
		})
		t.Run("Timeline", func(t *testing.T) {
			a.Count = 41 // new figures at the same severity are no step of their own
			if err := db.SaveAlert(ctx, a); err != nil {
				t.Fatal(err)
			}
			events, err := db.AlertEvents(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			var steps []string
			for _, e := range events {
				steps = append(steps, e.Kind+":"+e.UserName)
			}
			want := "raised:|escalated:|acknowledged:User lea|resolved:User lea"
			if got := strings.Join(steps, "|"); got != want {
				t.Fatalf("timeline %s, want %s", got, want)
			}
			if p := events[1].Params; p["count"] != "40" || p["severity"] != "3" {
				t.Fatalf("escalation says %v", p)
			}
		})
		t.Run("Errors", func(t *testing.T) {
			if err := db.SetAlertStatus(ctx, a.ID, lead, "deleted"); resonanz.ErrorField(err) != "status" {
				t.Fatalf("bad status: %v", err)
			}
			if err := db.SetAlertStatus(ctx, 999, lead, resonanz.AlertResolved); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Fatalf("unknown alert: %v", err)
			}
		})
	})
}
