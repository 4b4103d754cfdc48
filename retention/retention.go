// Package retention deletes the conversations whose channel's retention
// period has passed (see docs/privacy.md): hourly, as a durable job, a
// batch per transaction.
package retention

import (
	"context"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
)

// batch bounds the conversations one transaction deletes, so that the
// single writer is never held long.
const batch = 200

// Store keeps the retention policies and deletes what they let go (the store).
type Store interface {
	RetentionPolicies(ctx context.Context) ([]resonanz.RetentionPolicy, error)
	DeleteConversationsBefore(ctx context.Context, channel string, cutoff time.Time, limit int) (int, error)
}

// Apply deletes every conversation whose last message is older than its
// channel's retention period at now (resonanz.RetentionPolicy.Cutoff), with
// everything that belongs to it; it returns how many went.
func Apply(ctx context.Context, s Store, now time.Time) (int, error) {
	policies, err := s.RetentionPolicies(ctx)
	if err != nil {
		return 0, fmt.Errorf("retention: %w", err)
	}
	total := 0
	for _, p := range policies {
		for {
			n, err := s.DeleteConversationsBefore(ctx, p.Channel, p.Cutoff(now), batch)
			if err != nil {
				return total, fmt.Errorf("retention of %s: %w", p.Channel, err)
			}
			total += n
			if n < batch {
				break
			}
		}
	}
	return total, nil
}
