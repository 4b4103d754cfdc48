package storetest

import (
	"context"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// AlertsWithRooms lists alerts as FindAlerts does, each with the messages of
// its crisis room counted, as FindAlertByID counts them.
func AlertsWithRooms(ctx context.Context, db *store.DB, includeResolved bool) ([]*resonanz.Alert, error) {
	alerts, err := db.FindAlerts(ctx, includeResolved)
	if err != nil {
		return nil, err
	}
	for i, a := range alerts {
		if alerts[i], err = db.FindAlertByID(ctx, a.ID); err != nil {
			return nil, err
		}
	}
	return alerts, nil
}
