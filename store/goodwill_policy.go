package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/resonanz/resonanz"
)

const policyColumns = `g.kind, g.agent_limit, g.lead_limit, g.customer_total, g.period_days, coalesce(u.name, ''), g.updated_at
	FROM goodwill_policies g LEFT JOIN users u ON u.id = g.updated_by`

func scanPolicy(row interface{ Scan(...any) error }) (*resonanz.GoodwillPolicy, error) {
	var p resonanz.GoodwillPolicy
	var updated int64
	if err := row.Scan(&p.Kind, &p.AgentLimit, &p.LeadLimit, &p.CustomerTotal, &p.PeriodDays, &p.UpdatedBy, &updated); err != nil {
		return nil, err
	}
	p.UpdatedAt = optMillis(updated)
	return &p, nil
}

// FindGoodwillPolicies returns the policy of every kind of goodwill, in the order of resonanz.GoodwillKinds.
func (db *DB) FindGoodwillPolicies(ctx context.Context) ([]*resonanz.GoodwillPolicy, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+policyColumns)
	if err != nil {
		return nil, fmt.Errorf("store: find goodwill policies: %w", err)
	}
	defer rows.Close()
	var list []*resonanz.GoodwillPolicy
	for rows.Next() {
		p, err := scanPolicy(rows)
		if err != nil {
			return nil, fmt.Errorf("store: find goodwill policies: %w", err)
		}
		list = append(list, p)
	}
	slices.SortFunc(list, func(a, b *resonanz.GoodwillPolicy) int {
		return slices.Index(resonanz.GoodwillKinds, a.Kind) - slices.Index(resonanz.GoodwillKinds, b.Kind)
	})
	return list, rows.Err()
}

// findPolicy returns the policy of one kind; every kind has one from the migration on.
func findPolicy(ctx context.Context, q queryer, kind string) (*resonanz.GoodwillPolicy, error) {
	p, err := scanPolicy(q.QueryRowContext(ctx, `SELECT `+policyColumns+` WHERE g.kind = ?`, kind))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.FieldError("kind", "Unknown kind of goodwill %q.", kind).Keyed("goodwill.kind.unknown")
	} else if err != nil {
		return nil, fmt.Errorf("store: find goodwill policy %s: %w", kind, err)
	}
	return p, nil
}

// SaveGoodwillPolicy replaces the policy of one kind; only leads and admins may.
func (db *DB) SaveGoodwillPolicy(ctx context.Context, p *resonanz.GoodwillPolicy, by *resonanz.User) error {
	if by.Role != resonanz.RoleAdmin && by.Role != resonanz.RoleLead {
		return resonanz.Errorf(resonanz.EFORBIDDEN, "Only leads and admins may change goodwill limits.").Keyed("goodwill.limits.forbidden")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	now := db.Now()
	_, err := db.write.ExecContext(ctx, `INSERT INTO goodwill_policies (kind, agent_limit, lead_limit, customer_total, period_days, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET agent_limit = excluded.agent_limit, lead_limit = excluded.lead_limit,
		customer_total = excluded.customer_total, period_days = excluded.period_days, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		p.Kind, p.AgentLimit, p.LeadLimit, p.CustomerTotal, p.PeriodDays, by.ID, millis(now))
	if err != nil {
		return fmt.Errorf("store: save goodwill policy %s: %w", p.Kind, err)
	}
	p.UpdatedBy, p.UpdatedAt = by.Name, now.UTC()
	return nil
}
