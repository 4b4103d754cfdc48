package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
)

// SetConsent records the contact wish of the customer of conversation id and
// audits it there. Earlier wishes stay in the table as the history.
func (db *DB) SetConsent(ctx context.Context, id int64, by *resonanz.User, c resonanz.Consent) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.change(ctx, id, func(tx *sql.Tx, conv *resonanz.Conversation) error {
		now := millis(db.Now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_consents
			(contact_id, opt_out, channels, reason, conversation_id, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			conv.ContactID, c.OptOut, joinList(c.Channels), c.Reason, conv.ID, by.ID, now); err != nil {
			return err
		}
		return audit(ctx, tx, conv.ID, by, consentKind(c), resonanz.Params{"channels": joinList(c.Channels), "reason": c.Reason}, now)
	})
}

// consentKind is the audit kind of a contact wish.
func consentKind(c resonanz.Consent) string {
	switch {
	case !c.OptOut:
		return resonanz.AuditContactAllowed
	case len(c.Channels) > 0:
		return resonanz.AuditOptOutOn
	}
	return resonanz.AuditOptOut
}

// consentColumns read a contact wish joined as cc, and its author as cu;
// both may be missing from a left join.
const consentColumns = `coalesce(cc.opt_out, 0), coalesce(cc.channels, ''), coalesce(cc.reason, ''),
	coalesce(cc.conversation_id, 0), coalesce(cu.name, ''), cc.created_at`

func scanConsent(c *resonanz.Consent) []any {
	return []any{&c.OptOut, (*listColumn)(&c.Channels), &c.Reason, &c.ConversationID, &c.SetBy, (*timeColumn)(&c.SetAt)}
}

// currentConsent returns the wish in force for a contact, nil if none was recorded.
func currentConsent(ctx context.Context, q queryer, contactID int64) (*resonanz.Consent, error) {
	var c resonanz.Consent
	err := q.QueryRowContext(ctx, `SELECT `+consentColumns+`
		FROM contact_consents cc JOIN users cu ON cu.id = cc.user_id
		WHERE cc.contact_id = ? ORDER BY cc.id DESC LIMIT 1`, contactID).Scan(scanConsent(&c)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: contact wish of contact %d: %w", contactID, err)
	}
	return &c, nil
}

// refuseForbidden returns EFORBIDDEN if the customer of c does not want to be
// contacted on its channel.
func refuseForbidden(ctx context.Context, q queryer, c *resonanz.Conversation) error {
	consent, err := currentConsent(ctx, q, c.ContactID)
	if err != nil {
		return err
	}
	if consent.Forbids(c.Channel) {
		ch, _ := resonanz.LookupChannel(c.Channel)
		return resonanz.Errorf(resonanz.EFORBIDDEN, "%s does not want to be contacted on %s (%s, recorded by %s). The reply was not sent.",
			c.CustomerName, ch.Label, consent.Reason, consent.SetBy).Keyed("consent.forbids")
	}
	return nil
}

// listColumn scans a comma-separated column into a list.
type listColumn []string

func (l *listColumn) Scan(v any) error {
	var s sql.NullString
	if err := s.Scan(v); err != nil {
		return err
	}
	*l = splitList(s.String)
	return nil
}

// timeColumn scans Unix milliseconds, NULL as the zero time.
type timeColumn time.Time

func (t *timeColumn) Scan(v any) error {
	var ms sql.NullInt64
	if err := ms.Scan(v); err != nil {
		return err
	}
	*t = timeColumn{}
	if ms.Valid {
		*t = timeColumn(fromMillis(ms.Int64))
	}
	return nil
}
