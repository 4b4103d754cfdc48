package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/riverqueue/river"
)

// eventJob is one attempt series of an event delivery; the delivery's row
// holds the payload and the log of how the attempts went.
type eventJob struct {
	DeliveryID int64 `json:"delivery_id"`
}

func (eventJob) Kind() string { return "event_delivery" }

func (eventJob) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: deliveryQueue, MaxAttempts: deliveryAttempts}
}

// SetEventSender gives the store what posts event deliveries; set it before StartTimers.
func (db *DB) SetEventSender(s resonanz.EventSender) { db.events = s }

type eventWorker struct {
	river.WorkerDefaults[eventJob]
	db *DB
}

func (w *eventWorker) Work(ctx context.Context, job *river.Job[eventJob]) error {
	return w.db.deliverEvent(ctx, job)
}

func (w *eventWorker) NextRetry(job *river.Job[eventJob]) time.Time {
	return time.Now().Add(w.db.deliveryPause(job.Attempt))
}

func (w *eventWorker) Timeout(*river.Job[eventJob]) time.Duration { return time.Minute }

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

// deliverEvent makes one attempt and writes down how it went.
func (db *DB) deliverEvent(ctx context.Context, job *river.Job[eventJob]) error {
	d, err := scanDelivery(db.read.QueryRowContext(ctx, `SELECT `+deliveryColumns+` WHERE d.id = ?`, job.Args.DeliveryID))
	if err != nil {
		return fmt.Errorf("store: find event delivery %d: %w", job.Args.DeliveryID, err)
	}
	var url, secret string
	var ended bool
	if err := db.read.QueryRowContext(ctx, `SELECT url, secret, deleted_at IS NOT NULL FROM event_subscriptions WHERE id = ?`,
		d.SubscriptionID).Scan(&url, &secret, &ended); err != nil {
		return fmt.Errorf("store: find subscription %d: %w", d.SubscriptionID, err)
	}
	var status int
	switch {
	case ended:
		err = resonanz.Permanent(errors.New("unsubscribed"))
	case db.events == nil:
		err = resonanz.Permanent(errors.New("event webhooks are not configured"))
	default:
		status, err = db.events.SendEvent(ctx, d, url, secret)
	}
	state, delivered, problem := resonanz.DeliveryPending, any(nil), ""
	switch {
	case err == nil:
		state, delivered = resonanz.DeliveryDelivered, millis(db.Now())
	case resonanz.IsPermanent(err) || job.Attempt >= job.MaxAttempts:
		state, problem = resonanz.DeliveryFailed, err.Error()
	default:
		problem = err.Error()
	}
	if _, werr := db.write.ExecContext(ctx, `UPDATE event_deliveries SET state = ?, attempts = attempts + 1, last_status = ?,
		last_error = ?, delivered_at = ? WHERE id = ?`, state, status, problem, delivered, d.ID); werr != nil {
		return fmt.Errorf("store: log event delivery %d: %w", d.ID, werr)
	}
	return db.settle("event webhook", job.JobRow, err, "receiver", receiverName(url), "event", d.Event, "delivery", d.ID)
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
		_, err = db.timers.client.InsertTx(ctx, tx, eventJob{DeliveryID: id}, nil)
		return err
	})
}
