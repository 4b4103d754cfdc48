package store_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// mustAlert saves an open alert about key, last measured at lastSeen.
func mustAlert(t *testing.T, db *store.DB, key string, severity int, lastSeen time.Time) *resonanz.Alert {
	t.Helper()
	a := &resonanz.Alert{Key: key, Severity: severity, Count: 20, Window: time.Hour, Expected: 2, Ratio: 10, Channels: 2, Authors: 18,
		FirstSeen: lastSeen.Add(-time.Hour), LastSeen: lastSeen}
	if err := db.SaveAlert(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestDismissAlerts(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lea, tom := mustUser(t, db, "lea", resonanz.RoleLead), mustUser(t, db, "tom", resonanz.RoleAgent)
		app, billing := mustAlert(t, db, "app", 3, t0), mustAlert(t, db, "billing", 2, t0)
		if err := db.DismissAlerts(ctx, lea.ID, map[int64]int{app.ID: 3, billing.ID: 2, 999: 4}); err != nil {
			t.Fatal(err)
		}
		t.Run("PerUser", func(t *testing.T) {
			if got, err := db.DismissedAlerts(ctx, lea.ID); err != nil || !maps.Equal(got, map[int64]int{app.ID: 3, billing.ID: 2}) {
				t.Fatalf("lea dismissed %v, %v", got, err)
			}
			if got, err := db.DismissedAlerts(ctx, tom.ID); err != nil || len(got) != 0 {
				t.Fatalf("tom dismissed %v, %v", got, err)
			}
		})
		t.Run("NeverLower", func(t *testing.T) {
			if err := db.DismissAlerts(ctx, lea.ID, map[int64]int{app.ID: 1}); err != nil {
				t.Fatal(err)
			}
			if got, _ := db.DismissedAlerts(ctx, lea.ID); got[app.ID] != 3 {
				t.Fatalf("dismissed at %d after an older view, want 3", got[app.ID])
			}
		})
		t.Run("OnlyOpenAlerts", func(t *testing.T) {
			if err := db.SetAlertStatus(ctx, billing.ID, lea, resonanz.AlertResolved); err != nil {
				t.Fatal(err)
			}
			if got, _ := db.DismissedAlerts(ctx, lea.ID); !maps.Equal(got, map[int64]int{app.ID: 3}) {
				t.Fatalf("lea dismissed %v after billing was resolved", got)
			}
		})
	})
}
