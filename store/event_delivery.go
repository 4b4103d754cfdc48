package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/resonanz/resonanz"
)

const deliveryColumns = `d.id, d.subscription_id, d.event, d.event_id, d.payload, d.state, d.attempts, d.last_status, d.last_error,
	d.created_at, coalesce(d.delivered_at, 0) FROM event_deliveries d`

func scanDelivery(row interface{ Scan(...any) error }) (*resonanz.EventDelivery, error) {
	var d resonanz.EventDelivery
	var payload string
	var created, delivered int64
	if err := row.Scan(&d.ID, &d.SubscriptionID, &d.Event, &d.EventID, &payload, &d.State, &d.Attempts, &d.LastStatus, &d.LastError,
		&created, &delivered); err != nil {
		return nil, err
	}
	d.Payload, d.CreatedAt, d.DeliveredAt = []byte(payload), fromMillis(created), optMillis(delivered)
	return &d, nil
}

// EventDeliveryTarget loads an event delivery and where it goes: the
// subscription's URL and secret, and whether the subscription has ended.
func (db *DB) EventDeliveryTarget(ctx context.Context, id int64) (d *resonanz.EventDelivery, url, secret string, ended bool, err error) {
	d, err = scanDelivery(db.read.QueryRowContext(ctx, `SELECT `+deliveryColumns+` WHERE d.id = ?`, id))
	if err != nil {
		return nil, "", "", false, fmt.Errorf("store: find event delivery %d: %w", id, err)
	}
	if err := db.read.QueryRowContext(ctx, `SELECT url, secret, deleted_at IS NOT NULL FROM event_subscriptions WHERE id = ?`,
		d.SubscriptionID).Scan(&url, &secret, &ended); err != nil {
		return nil, "", "", false, fmt.Errorf("store: find subscription %d: %w", d.SubscriptionID, err)
	}
	return d, url, secret, ended, nil
}

// RecordEventAttempt writes down how an attempt at delivery id went: its
// new state, the receiver's status and the problem ("" for none); a
// delivered one is stamped with the store's clock.
func (db *DB) RecordEventAttempt(ctx context.Context, id int64, state string, status int, problem string) error {
	var delivered any
	if state == resonanz.DeliveryDelivered {
		delivered = millis(db.Now())
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE event_deliveries SET state = ?, attempts = attempts + 1, last_status = ?,
		last_error = ?, delivered_at = ? WHERE id = ?`, state, status, problem, delivered, id); err != nil {
		return fmt.Errorf("store: log event delivery %d: %w", id, err)
	}
	return nil
}

// FindEventDeliveries returns the newest deliveries of a subscription (0:
// of all), newest first; ENOTFOUND for a subscription that never was.
func (db *DB) FindEventDeliveries(ctx context.Context, subscriptionID int64, limit int) ([]*resonanz.EventDelivery, error) {
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	if subscriptionID != 0 {
		var n int
		if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM event_subscriptions WHERE id = ?`, subscriptionID).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: find subscription: %w", err)
		} else if n == 0 {
			return nil, resonanz.Errorf(resonanz.ENOTFOUND, "No webhook subscription %d.", subscriptionID).Keyed("eventhooks.subscription.unknown")
		}
	}
	list, err := collect(ctx, db.read, `SELECT `+deliveryColumns+` WHERE CAST(? AS BIGINT) IN (0, d.subscription_id) ORDER BY d.id DESC LIMIT ?`,
		[]any{subscriptionID, limit}, scanDelivery)
	if err != nil {
		return nil, fmt.Errorf("store: find event deliveries: %w", err)
	}
	return list, nil
}

// ReplayEventDelivery queues a delivery again with a fresh set of
// attempts; the receiver gets the same event id, so it can tell a replay.
func (db *DB) ReplayEventDelivery(ctx context.Context, id int64) error {
	return db.inTx(ctx, "replay event delivery", func(tx *sql.Tx) error {
		var ended bool
		err := tx.QueryRowContext(ctx, `SELECT s.deleted_at IS NOT NULL FROM event_deliveries d
			JOIN event_subscriptions s ON s.id = d.subscription_id WHERE d.id = ?`, id).Scan(&ended)
		if errors.Is(err, sql.ErrNoRows) {
			return resonanz.Errorf(resonanz.ENOTFOUND, "No webhook delivery %d.", id).Keyed("eventhooks.delivery.unknown")
		} else if err != nil {
			return err
		}
		if ended {
			return resonanz.Errorf(resonanz.ECONFLICT, "The subscription of this delivery has ended.").Keyed("eventhooks.ended")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_deliveries SET state = ? WHERE id = ?`, resonanz.DeliveryPending, id); err != nil {
			return err
		}
		return db.queue(ctx, tx, resonanz.Job{Args: resonanz.EventJob{DeliveryID: id}})
	})
}
