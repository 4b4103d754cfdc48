package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/resonanz/resonanz"
)

// wishColumns read a wish joined as w, and the agent who recorded it as wu
// (a left join: customers record their own).
const wishColumns = `w.id, w.contact_id, w.purpose, w.channel, w.state, w.source, w.wording, w.language, w.reason,
	coalesce(w.conversation_id, 0), coalesce(wu.name, ''), w.created_at
	FROM contact_wishes w LEFT JOIN users wu ON wu.id = w.user_id`

func scanWish(row interface{ Scan(...any) error }) (*resonanz.Wish, error) {
	var w resonanz.Wish
	err := row.Scan(&w.ID, &w.ContactID, &w.Purpose, &w.Channel, &w.State, &w.Source, &w.Wording, &w.Language, &w.Reason,
		&w.ConversationID, &w.SetBy, (*timeColumn)(&w.SetAt))
	return &w, err
}

// contactWishes returns the wishes in force of a contact: its newest wish
// per purpose and channel.
func contactWishes(ctx context.Context, q queryer, contactID int64) (*resonanz.Wishes, error) {
	list, err := collect(ctx, q, `SELECT `+wishColumns+` WHERE w.id IN
		(SELECT max(id) FROM contact_wishes WHERE contact_id = ? GROUP BY purpose, channel)`, []any{contactID}, scanWish)
	if err != nil {
		return nil, fmt.Errorf("store: wishes of contact %d: %w", contactID, err)
	}
	return resonanz.NewWishes(list), nil
}

// wishHistory returns every wish of a contact, newest first.
func wishHistory(ctx context.Context, q queryer, contactID int64) ([]*resonanz.Wish, error) {
	return collect(ctx, q, `SELECT `+wishColumns+` WHERE w.contact_id = ? ORDER BY w.id DESC`, []any{contactID}, scanWish)
}

// insertWish records a wish as a new fact.
func insertWish(ctx context.Context, tx *sql.Tx, w *resonanz.Wish, userID int64, at int64) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO contact_wishes (contact_id, purpose, channel, state, source, wording, language, reason,
		conversation_id, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		w.ContactID, w.Purpose, w.Channel, w.State, w.Source, w.Wording, w.Language, w.Reason, nullID(w.ConversationID), nullID(userID), at).Scan(&w.ID)
	w.SetAt = fromMillis(at)
	return err
}

// auditWish records a wish in a conversation's trail.
func auditWish(ctx context.Context, tx *sql.Tx, conversationID int64, by *resonanz.User, w *resonanz.Wish, at int64) error {
	p := resonanz.Params{"state": w.State, "source": w.Source, "reason": w.Reason, "wording": summary(w.Wording, 120)}
	kind := resonanz.AuditWishDoNotContact
	if w.Purpose != resonanz.PurposeContact {
		kind, p["purpose"], p["channel"] = resonanz.AuditWish, w.Purpose, w.Channel
		if w.Channel == "" {
			p["channel"] = resonanz.EveryChannel
		}
	}
	return audit(ctx, tx, conversationID, by, kind, p, at)
}

// RecordWish records a wish an agent took down for the customer of
// conversation id, audited in that conversation.
func (db *DB) RecordWish(ctx context.Context, id int64, by *resonanz.User, w resonanz.Wish) error {
	w.Source = resonanz.SourceAgent
	if err := w.Validate(); err != nil {
		return err
	}
	return db.change(ctx, id, func(tx *sql.Tx, c *resonanz.Conversation) error {
		w.ContactID, w.ConversationID = c.ContactID, c.ID
		now := millis(db.Now())
		if err := insertWish(ctx, tx, &w, by.ID, now); err != nil {
			return err
		}
		return auditWish(ctx, tx, c.ID, by, &w, now)
	})
}

// liveContact follows a contact merged into another to the one it became.
func liveContact(ctx context.Context, q queryer, id int64) (int64, error) {
	for range 10 {
		var into sql.NullInt64
		err := q.QueryRowContext(ctx, `SELECT merged_into FROM contacts WHERE id = ?`, id).Scan(&into)
		if err != nil {
			return 0, notFoundContact(err, id)
		}
		if !into.Valid {
			return id, nil
		}
		id = into.Int64
	}
	return id, nil
}

// ContactWishes returns a person's wish channels and every wish they ever
// stated, newest first. A contact merged into another answers for that one.
func (db *DB) ContactWishes(ctx context.Context, contactID int64) (*resonanz.ContactWishes, error) {
	id, err := liveContact(ctx, db.read, contactID)
	if err != nil {
		return nil, err
	}
	ct, err := db.findContact(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("store: contact %d: %w", id, err)
	}
	cw := &resonanz.ContactWishes{Contact: ct, Channels: resonanz.WishChannels(ct.Identities)}
	if cw.History, err = wishHistory(ctx, db.read, id); err != nil {
		return nil, fmt.Errorf("store: wishes of contact %d: %w", id, err)
	}
	return cw, nil
}

// SetOwnWishes records what a customer chose on their wishes page: each
// wish that differs from the one in force, as a fact of its own with the
// wording the page showed. The contact's latest conversation, if any,
// carries it in its audit trail.
func (db *DB) SetOwnWishes(ctx context.Context, contactID int64, wishes []resonanz.Wish) (int, error) {
	changed := 0
	err := db.inTx(ctx, fmt.Sprintf("wishes of contact %d", contactID), func(tx *sql.Tx) error {
		id, err := liveContact(ctx, tx, contactID)
		if err != nil {
			return err
		}
		current, err := contactWishes(ctx, tx, id)
		if err != nil {
			return err
		}
		var conversationID int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM conversations WHERE contact_id = ? ORDER BY last_message_at DESC, id DESC LIMIT 1`, id).
			Scan(&conversationID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := millis(db.Now())
		for _, w := range wishes {
			w.Source, w.ContactID, w.ConversationID = resonanz.SourceCustomer, id, 0
			if err := w.Validate(); err != nil {
				return err
			}
			state := resonanz.WishUnknown
			if x := current.Get(w.Purpose, w.Channel); x != nil {
				state = x.State
			}
			if state == w.State {
				continue
			}
			if err := insertWish(ctx, tx, &w, 0, now); err != nil {
				return err
			}
			changed++
			if conversationID != 0 {
				if err := auditWish(ctx, tx, conversationID, nil, &w, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return changed, nil
}

// consentPolicy is what the company decided for customers who said nothing.
func consentPolicy(ctx context.Context, q queryer) (resonanz.ConsentPolicy, error) {
	var p resonanz.ConsentPolicy
	err := q.QueryRowContext(ctx, `SELECT ask_unknown FROM survey_settings WHERE id = 1`).Scan(&p.SurveysUnknown)
	if err != nil {
		return p, fmt.Errorf("store: consent policy: %w", err)
	}
	return p, nil
}

// directAnswer reports whether an agent's answer in conversation id,
// queued now (before 0) or as message before, answers a message the
// customer sent to the company in this thread and the company has not
// answered yet: one that came in after the company's last message before
// it, or was written after it (a message can arrive late). A public post
// that only names the company (listening) was not sent to it.
func directAnswer(ctx context.Context, q queryer, id, before int64) (bool, error) {
	if before == 0 {
		before = math.MaxInt64
	}
	var direct bool
	err := q.QueryRowContext(ctx, `WITH last AS (SELECT coalesce(max(o.id), 0) AS id, coalesce(max(o.sent_at), 0) AS sent_at FROM messages o
			WHERE o.id = (SELECT max(id) FROM messages WHERE conversation_id = ? AND direction = 'out' AND id < ?))
		SELECT EXISTS (SELECT 1 FROM messages m, last WHERE m.conversation_id = ? AND m.direction = 'in' AND m.addressed = 1 AND m.id < ?
			AND (m.id > last.id OR m.sent_at > last.sent_at))`, id, before, id, before).Scan(&direct)
	if err != nil {
		return false, fmt.Errorf("store: direct answer in conversation %d: %w", id, err)
	}
	return direct, nil
}

// consentCheck asks resonanz.MayContact whether a message of the kind and
// purpose may leave in conversation c, with the contact's wishes as they
// are in q: the transaction that would queue it. An agent's reply (queued
// now, or as message before) may be a direct answer; nothing else is.
func consentCheck(ctx context.Context, q queryer, c *resonanz.Conversation, kind, purpose string, before int64) (resonanz.ConsentDecision, error) {
	wishes, err := contactWishes(ctx, q, c.ContactID)
	if err != nil {
		return resonanz.ConsentDecision{}, err
	}
	policy, err := consentPolicy(ctx, q)
	if err != nil {
		return resonanz.ConsentDecision{}, err
	}
	direct := false
	if kind == resonanz.OutboundReply {
		if direct, err = directAnswer(ctx, q, c.ID, before); err != nil {
			return resonanz.ConsentDecision{}, err
		}
	}
	return resonanz.MayContact(wishes, resonanz.ContactAttempt{Purpose: purpose, Channel: c.Channel, Direct: direct}, policy), nil
}

// logDecision records a decision in the conversation's audit trail: the
// outbox entry it let leave, or that nothing was queued.
func logDecision(ctx context.Context, tx *sql.Tx, conversationID int64, by *resonanz.User, kind string, d resonanz.ConsentDecision, outboxID int64, at int64) error {
	p := d.Params()
	p["kind"] = kind
	auditKind := resonanz.AuditSendBlocked
	if d.Allowed {
		auditKind, p["outbox"] = resonanz.AuditSendAllowed, strconv.FormatInt(outboxID, 10)
	}
	return audit(ctx, tx, conversationID, by, auditKind, p, at)
}

// consentRefusal is the error of a message the wishes rule out.
func consentRefusal(c *resonanz.Conversation) error {
	return resonanz.Errorf(resonanz.EFORBIDDEN, "Not sent: the contact wishes of %s rule this message out.", c.CustomerName).Keyed("consent.blocked")
}

// ConsentDecisions tells what may leave in conversation id now: an agent's
// reply, a survey, news and offers.
func (db *DB) ConsentDecisions(ctx context.Context, id int64) ([]resonanz.ConsentDecision, error) {
	c, err := findConversationByID(ctx, db.read, id)
	if err != nil {
		return nil, err
	}
	list := make([]resonanz.ConsentDecision, 0, len(resonanz.Purposes))
	for _, purpose := range resonanz.Purposes {
		kind := resonanz.OutboundNotice
		switch purpose {
		case resonanz.PurposeService:
			kind = resonanz.OutboundReply
		case resonanz.PurposeSurvey:
			kind = resonanz.OutboundSurvey
		}
		d, err := consentCheck(ctx, db.read, c, kind, purpose, 0)
		if err != nil {
			return nil, err
		}
		list = append(list, d)
	}
	return list, nil
}

// SendNotice queues a notice the company sends of its own accord (service
// or news) in conversation id, privately where the channel can; EFORBIDDEN,
// logged in the audit trail, when the customer's wishes rule it out.
func (db *DB) SendNotice(ctx context.Context, id int64, by *resonanz.User, purpose, text string) (*resonanz.OutboxItem, error) {
	if purpose != resonanz.PurposeService && purpose != resonanz.PurposeNews {
		return nil, resonanz.FieldError("purpose", "Unknown purpose %q.", purpose).Keyed("wish.purpose.unknown")
	}
	text, err := agentText("text", text)
	if err != nil {
		return nil, err
	}
	var item *resonanz.OutboxItem
	var refused error
	err = db.change(ctx, id, func(tx *sql.Tx, c *resonanz.Conversation) error {
		ch, _ := resonanz.LookupChannel(c.Channel)
		if err := ch.CheckReplyLength(text, c.CustomerHandle); err != nil {
			return err
		}
		d, err := consentCheck(ctx, tx, c, resonanz.OutboundNotice, purpose, 0)
		if err != nil {
			return err
		}
		now := db.Now()
		if !d.Allowed {
			refused = consentRefusal(c)
			return logDecision(ctx, tx, c.ID, by, resonanz.OutboundNotice, d, 0, millis(now))
		}
		visibility := resonanz.Private
		if ch.ReplyVisibility(false) {
			visibility = resonanz.Public
		}
		if item, err = db.queueOutbound(ctx, tx, c, outbound{kind: resonanz.OutboundNotice, decision: d, by: by, text: text, visibility: visibility}, now); err != nil {
			return err
		}
		return indexReply(ctx, tx, item.MessageID, text)
	})
	if err == nil {
		err = refused
	}
	if err != nil {
		return nil, err
	}
	return item, nil
}
