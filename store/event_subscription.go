package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/resonanz/resonanz"
)

const subscriptionColumns = `id, url, events, created_at FROM event_subscriptions`

func scanSubscription(row interface{ Scan(...any) error }) (*resonanz.EventSubscription, error) {
	var s resonanz.EventSubscription
	var events string
	var created int64
	if err := row.Scan(&s.ID, &s.URL, &events, &created); err != nil {
		return nil, err
	}
	s.Events, s.CreatedAt = splitList(events), fromMillis(created)
	return &s, nil
}

// Subscribe stores a subscription and returns the secret that signs its
// deliveries. Unlike an API token's, the secret is kept: each delivery is
// signed with it anew.
func (db *DB) Subscribe(ctx context.Context, s *resonanz.EventSubscription) (string, error) {
	if err := s.Validate(); err != nil {
		return "", err
	}
	secret := "whsec_" + randomToken()
	s.CreatedAt = fromMillis(millis(db.Now()))
	err := db.write.QueryRowContext(ctx, `INSERT INTO event_subscriptions (url, events, secret, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		s.URL, joinList(s.Events), secret, millis(s.CreatedAt)).Scan(&s.ID)
	if err != nil {
		return "", fmt.Errorf("store: subscribe: %w", err)
	}
	return secret, nil
}

// FindSubscriptions lists the subscriptions in force, oldest first.
func (db *DB) FindSubscriptions(ctx context.Context) ([]*resonanz.EventSubscription, error) {
	list, err := collect(ctx, db.read, `SELECT `+subscriptionColumns+` WHERE deleted_at IS NULL ORDER BY id`, nil, scanSubscription)
	if err != nil {
		return nil, fmt.Errorf("store: find subscriptions: %w", err)
	}
	return list, nil
}

// Unsubscribe ends a subscription. Its log stays readable; deliveries still
// queued find it ended and give up.
func (db *DB) Unsubscribe(ctx context.Context, id int64) error {
	return db.inTx(ctx, "unsubscribe", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE event_subscriptions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`, millis(db.Now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return resonanz.Errorf(resonanz.ENOTFOUND, "No webhook subscription %d.", id).Keyed("eventhooks.subscription.unknown")
		}
		_, err = tx.ExecContext(ctx, `UPDATE event_deliveries SET state = ?, last_error = 'unsubscribed' WHERE subscription_id = ? AND state = ?`,
			resonanz.DeliveryFailed, id, resonanz.DeliveryPending)
		return err
	})
}
