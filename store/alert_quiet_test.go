package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestCloseQuietAlerts(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		res := mustIngest(t, db, msg("mastodon", "m1", "@a", "Warenkorb weg nach Update", 0),
			msg("forum", "f1", "b", "Warenkorb leer", 50*60))
		// Measured long ago, but a message came 50 hours after t0.
		late := mustAlert(t, db, "app", 3, t0)
		if err := db.LinkAlertMessages(ctx, late.ID, []int64{res[0].MessageID, res[1].MessageID}); err != nil {
			t.Fatal(err)
		}
		stale := mustAlert(t, db, "billing", 2, t0.Add(time.Hour))
		fresh := mustAlert(t, db, "delivery", 2, t0.Add(49*time.Hour))
		handled := mustAlert(t, db, "quality", 2, t0)
		if err := db.SetAlertStatus(ctx, handled.ID, lea, resonanz.AlertResolved); err != nil {
			t.Fatal(err)
		}

		ids, err := db.CloseQuietAlerts(ctx, t0.Add(48*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids, []int64{stale.ID}) {
			t.Fatalf("closed %v, want only the stale alert %d", ids, stale.ID)
		}
		for _, a := range []*resonanz.Alert{late, fresh} {
			if got, _ := db.FindAlertByID(ctx, a.ID); got.Status != resonanz.AlertOpen {
				t.Fatalf("alert %s is %s", a.Key, got.Status)
			}
		}
		got, _ := db.FindAlertByID(ctx, stale.ID)
		events, _ := db.AlertEvents(ctx, stale.ID)
		if got.Status != resonanz.AlertResolved || got.ResolvedAt.IsZero() || events[len(events)-1].Kind != resonanz.AlertQuiet {
			t.Fatalf("stale alert %+v with timeline %+v", got, events)
		}
		if ids, _ := db.CloseQuietAlerts(ctx, t0.Add(48*time.Hour)); len(ids) != 0 {
			t.Fatalf("closed %v again", ids)
		}
	})
}
