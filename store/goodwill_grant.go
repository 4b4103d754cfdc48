package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// GrantGoodwill grants goodwill at once when by's limit and the customer's
// remaining total allow it; otherwise it stores a pending request and
// notifies everyone who may approve it. g.State tells which happened.
func (db *DB) GrantGoodwill(ctx context.Context, g *resonanz.GoodwillGrant, by *resonanz.User) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return db.change(ctx, g.ConversationID, func(tx *sql.Tx, c *resonanz.Conversation) error {
		p, err := findPolicy(ctx, tx, g.Kind)
		if err != nil {
			return err
		}
		now := db.Now()
		used, err := customerUsed(ctx, tx, c.ContactID, p, now)
		if err != nil {
			return err
		}
		params := resonanz.Params{"kind": g.Kind, "amount": centsParam(g.Amount), "reason": summary(g.Reason, 80)}
		why := ""
		if rest := p.Remaining(used); by.Role != resonanz.RoleAdmin && rest >= 0 && g.Amount > rest {
			why = resonanz.GoodwillWhyCustomer
			params["left"], params["total"], params["days"] = centsParam(rest), centsParam(p.CustomerTotal), strconv.Itoa(p.PeriodDays)
		} else if !p.Covers(by.Role, g.Amount) {
			why = resonanz.GoodwillWhyLimit
			params["role"], params["limit"] = by.Role, centsParam(limitOf(p, by.Role))
		}
		g.ContactID, g.CustomerName, g.RequestedByID, g.RequestedBy, g.CreatedAt = c.ContactID, c.CustomerName, by.ID, by.Name, now.UTC()
		g.State = resonanz.GoodwillGranted
		var granted any = millis(now)
		if why != "" {
			g.State, granted = resonanz.GoodwillPending, nil
		} else {
			g.GrantedAt = now.UTC()
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO goodwill_grants (conversation_id, contact_id, kind, amount, reason, state, requested_by, granted_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.ID, c.ContactID, g.Kind, g.Amount, g.Reason, g.State, by.ID, granted, millis(now)).Scan(&g.ID); err != nil {
			return err
		}
		if why == "" {
			return audit(ctx, tx, c.ID, by, resonanz.AuditGoodwillGranted, params, millis(now))
		}
		params["why"] = why
		if err := audit(ctx, tx, c.ID, by, resonanz.AuditGoodwillRequested, params, millis(now)); err != nil {
			return err
		}
		ids, err := approvers(ctx, tx, p, g.Amount, by.ID)
		if err != nil {
			return err
		}
		notice := resonanz.Params{"by": by.Name, "customer": c.CustomerName}
		for k, v := range params {
			notice[k] = v
		}
		for _, id := range ids {
			n := &resonanz.Notification{UserID: id, Kind: resonanz.NotifyGoodwillApproval, ConversationID: c.ID, CreatedAt: now, Params: notice}
			if err := notify(ctx, tx, n); err != nil {
				return err
			}
		}
		return nil
	})
}

func limitOf(p *resonanz.GoodwillPolicy, role string) int64 {
	if role == resonanz.RoleLead {
		return p.LeadLimit
	}
	return p.AgentLimit
}

// DecideGoodwill approves or rejects a pending request. Only a user whose
// limit covers the amount decides (an admin always), never the requester;
// a rejection needs a note. The requester is notified either way.
func (db *DB) DecideGoodwill(ctx context.Context, id int64, by *resonanz.User, approve bool, note string) error {
	return db.inTx(ctx, fmt.Sprintf("decide goodwill %d", id), func(tx *sql.Tx) error {
		g, err := findGrant(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.decideGoodwill(ctx, tx, g, by, approve, note)
	})
}

func (db *DB) decideGoodwill(ctx context.Context, tx *sql.Tx, g *resonanz.GoodwillGrant, by *resonanz.User, approve bool, note string) error {
	p, err := findPolicy(ctx, tx, g.Kind)
	if err != nil {
		return err
	}
	switch {
	case g.State == resonanz.GoodwillGranted:
		return resonanz.Errorf(resonanz.ECONFLICT, "This request was granted already.").Keyed("goodwill.granted.already")
	case g.State == resonanz.GoodwillRejected:
		return resonanz.Errorf(resonanz.ECONFLICT, "This request was rejected already.").Keyed("goodwill.rejected.already")
	case by.Role == resonanz.RoleAgent:
		return resonanz.Errorf(resonanz.EFORBIDDEN, "Agents cannot approve goodwill; a lead or an admin decides.").Keyed("goodwill.agent")
	case by.ID == g.RequestedByID:
		return resonanz.Errorf(resonanz.EFORBIDDEN, "You cannot decide on your own request; another lead or an admin decides.").Keyed("goodwill.own")
	case !p.Covers(by.Role, g.Amount):
		return resonanz.Errorf(resonanz.EFORBIDDEN, "%s is above your limit of %s; an admin decides.",
			resonanz.FormatEuros(g.Amount), resonanz.FormatEuros(limitOf(p, by.Role))).Keyed("goodwill.above")
	}
	note, err = decisionNote(note, approve)
	if err != nil {
		return err
	}
	now := db.Now()
	state, kind, notice, granted := resonanz.GoodwillRejected, resonanz.AuditGoodwillRejected, resonanz.NotifyGoodwillRejected, any(nil)
	if approve {
		state, kind, notice, granted = resonanz.GoodwillGranted, resonanz.AuditGoodwillApproved, resonanz.NotifyGoodwillApproved, millis(now)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE goodwill_grants SET state = ?, decided_by = ?, decision_note = ?, decided_at = ?, granted_at = ? WHERE id = ?`,
		state, by.ID, note, millis(now), granted, g.ID); err != nil {
		return err
	}
	params := resonanz.Params{"kind": g.Kind, "amount": centsParam(g.Amount), "requester": g.RequestedBy, "note": summary(note, 80)}
	if err := audit(ctx, tx, g.ConversationID, by, kind, params, millis(now)); err != nil {
		return err
	}
	return notify(ctx, tx, &resonanz.Notification{UserID: g.RequestedByID, Kind: notice, ConversationID: g.ConversationID, CreatedAt: now,
		Params: resonanz.Params{"by": by.Name, "kind": g.Kind, "amount": centsParam(g.Amount), "customer": g.CustomerName, "note": note}})
}

// decisionNote checks the approver's note: optional for an approval, required for a rejection.
func decisionNote(note string, approve bool) (string, error) {
	if approve && strings.TrimSpace(note) == "" {
		return "", nil
	}
	return promiseNote("note", note, resonanz.FieldError("note", "Say why the request is rejected.").Keyed("goodwill.note.missing"))
}
