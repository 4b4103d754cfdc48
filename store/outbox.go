package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// ErrNothingToSend: the outbox item is no longer pending (sent, given up,
// or its account removed).
var ErrNothingToSend = errors.New("store: nothing to send")

// PendingReply is an outbox item about to be sent: what the sender needs
// (Delivery), whether its account is paused, and what the consent check and
// the email footer need.
type PendingReply struct {
	Delivery                  *resonanz.OutboxDelivery
	Paused                    bool
	conversationID, messageID int64
	contactID                 int64
	kind, purpose, language   string
}

// PendingReply loads what sending outbox item id needs; ErrNothingToSend
// if it is no longer pending.
func (db *DB) PendingReply(ctx context.Context, id int64) (*PendingReply, error) {
	d := &resonanz.OutboxDelivery{OutboxID: id}
	p := &PendingReply{Delivery: d}
	var state, visibility string
	var accountID sql.NullInt64
	var paused sql.NullBool
	err := db.read.QueryRowContext(ctx, `SELECT o.state, o.account_id, a.paused, o.conversation_id, o.message_id, o.kind, o.purpose,
			c.contact_id, c.language, o.visibility, m.text, o.created_at
		FROM outbox o JOIN messages m ON m.id = o.message_id JOIN conversations c ON c.id = o.conversation_id
		LEFT JOIN channel_accounts a ON a.id = o.account_id WHERE o.id = ?`, id).
		Scan(&state, &accountID, &paused, &p.conversationID, &p.messageID, &p.kind, &p.purpose, &p.contactID, &p.language,
			&visibility, &d.Text, (*timeColumn)(&d.QueuedAt))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (state != resonanz.OutboxPending || !accountID.Valid)) {
		return nil, ErrNothingToSend
	} else if err != nil {
		return nil, fmt.Errorf("store: outbox %d: %w", id, err)
	}
	d.AccountID, d.Public, p.Paused = accountID.Int64, visibility == resonanz.Public, paused.Bool
	// The recipient is the customer's latest wish: the Reply-To of their
	// latest message if it named one, else the handle it came from.
	err = db.read.QueryRowContext(ctx, `SELECT coalesce(m.external_id, ''), coalesce(r.address, i.handle, '') FROM messages m
		LEFT JOIN identities i ON i.id = m.identity_id LEFT JOIN message_reply_addresses r ON r.message_id = m.id
		WHERE m.conversation_id = ? AND m.direction = 'in' ORDER BY m.sent_at DESC, m.id DESC LIMIT 1`, p.conversationID).Scan(&d.ReplyTo, &d.Recipient)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: outbox %d: %w", id, err)
	}
	return p, nil
}

// HoldAgainstWish asks the consent check about a queued message again,
// with the wishes of now; if they rule it out, it holds the message
// (resonanz.HeldConsent) and logs the decision, in one transaction, and
// returns true.
func (db *DB) HoldAgainstWish(ctx context.Context, p *PendingReply) (bool, error) {
	c, err := findConversationByID(ctx, db.read, p.conversationID)
	if err != nil {
		return false, err
	}
	if d, err := consentCheck(ctx, db.read, c, p.kind, p.purpose, p.messageID); err != nil || d.Allowed {
		return false, err // the usual case, without taking the writer
	}
	held := false
	err = db.inTx(ctx, fmt.Sprintf("consent of outbox %d", p.Delivery.OutboxID), func(tx *sql.Tx) error {
		c, err := findConversationByID(ctx, tx, p.conversationID)
		if err != nil {
			return err
		}
		d, err := consentCheck(ctx, tx, c, p.kind, p.purpose, p.messageID)
		if err != nil || d.Allowed {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'held', last_error = ?, consent = ?, next_try_at = NULL
			WHERE id = ? AND state = 'pending'`, resonanz.HeldConsent, d.Rule, p.Delivery.OutboxID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		held = true
		return logDecision(ctx, tx, c.ID, nil, p.kind, d, 0, millis(db.Now()))
	})
	return held, err
}

// ReplyFooter is what goes below a pending message that leaves by email, if
// the leads want the wishes link there: "" otherwise, or while no link can
// be made.
func (db *DB) ReplyFooter(ctx context.Context, p *PendingReply) (string, error) {
	contactID, language := p.contactID, p.language
	if db.Links == nil {
		return "", nil
	}
	var on bool
	var texts string
	if err := db.read.QueryRowContext(ctx, `SELECT footer, footer_text FROM survey_settings WHERE id = 1`).Scan(&on, &texts); err != nil {
		return "", fmt.Errorf("store: email footer: %w", err)
	}
	if !on {
		return "", nil
	}
	byLang, err := decodeTexts(texts)
	if err != nil {
		return "", err
	}
	lang := resonanz.CustomerLanguage(language)
	link := db.Links.WishesLink(contactID, lang)
	if link == "" {
		return "", nil
	}
	return resonanz.FillLink(byLang[lang], link), nil
}

// RecordSent marks an outbox item sent and gives the outbound message the
// platform's id, so that a customer answering it joins the conversation.
func (db *DB) RecordSent(ctx context.Context, id int64, attempt int, sent *resonanz.Sent) error {
	return db.inTx(ctx, fmt.Sprintf("record outbox %d sent", id), func(tx *sql.Tx) error {
		var ext any
		if sent.ExternalID != "" {
			ext = sent.ExternalID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'sent', attempts = ?, external_id = ?, url = ?, sent_at = ?, last_error = '', next_try_at = NULL
			WHERE id = ?`, attempt, ext, sent.URL, millis(db.Now()), id); err != nil {
			return err
		}
		if ext == nil {
			return nil
		}
		_, err := tx.ExecContext(ctx, `UPDATE messages SET external_id = ? WHERE id = (SELECT message_id FROM outbox WHERE id = ?)
			AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.channel = messages.channel AND x.external_id = ?)`, ext, id, ext)
		return err
	})
}

// RecordAttempt writes down a failed attempt at sending outbox item id: its
// new state, why, and when it is tried next (zero: not again).
func (db *DB) RecordAttempt(ctx context.Context, id int64, attempt int, state, reason string, next time.Time) error {
	var nextTry any
	if !next.IsZero() {
		nextTry = millis(next)
	}
	_, err := db.write.ExecContext(ctx, `UPDATE outbox SET state = ?, attempts = ?, last_error = ?, next_try_at = ? WHERE id = ? AND state = 'pending'`,
		state, attempt, summary(reason, 500), nextTry, id)
	if err != nil {
		return fmt.Errorf("store: record outbox %d: %w", id, err)
	}
	return nil
}

// RetryReply queues a failed message again, if the customer's wishes
// still let it leave; a refusal is kept in the audit trail.
func (db *DB) RetryReply(ctx context.Context, conversationID, outboxID int64, by *resonanz.User) error {
	var refused error
	err := db.change(ctx, conversationID, func(tx *sql.Tx, c *resonanz.Conversation) error {
		var kind, purpose string
		var messageID int64
		err := tx.QueryRowContext(ctx, `SELECT kind, purpose, message_id FROM outbox
			WHERE id = ? AND conversation_id = ? AND state = 'failed' AND account_id IS NOT NULL`, outboxID, c.ID).Scan(&kind, &purpose, &messageID)
		if errors.Is(err, sql.ErrNoRows) {
			return resonanz.Errorf(resonanz.ECONFLICT, "Only a reply that failed can be tried again.").Keyed("reply.retry")
		} else if err != nil {
			return err
		}
		d, err := consentCheck(ctx, tx, c, kind, purpose, messageID)
		if err != nil {
			return err
		}
		now := millis(db.Now())
		if !d.Allowed {
			refused = consentRefusal(c)
			return logDecision(ctx, tx, c.ID, by, kind, d, 0, now)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'pending', next_try_at = NULL, consent = ? WHERE id = ?`, d.Rule, outboxID); err != nil {
			return err
		}
		if err := db.queue(ctx, tx, resonanz.Job{Args: resonanz.OutboxJob{OutboxID: outboxID}}); err != nil {
			return err
		}
		if err := logDecision(ctx, tx, c.ID, by, kind, d, outboxID, now); err != nil {
			return err
		}
		return audit(ctx, tx, c.ID, by, resonanz.AuditRetry, resonanz.Params{"reply": strconv.FormatInt(outboxID, 10)}, now)
	})
	if err == nil {
		err = refused
	}
	return err
}

// FindOutboxItem returns one outbox item, or ENOTFOUND.
func (db *DB) FindOutboxItem(ctx context.Context, id int64) (*resonanz.OutboxItem, error) {
	item, err := scanOutboxItem(db.read.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM outbox o WHERE o.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Reply %d not found.", id).Keyed("reply.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: find outbox item %d: %w", id, err)
	}
	return item, nil
}

const outboxColumns = `o.id, o.conversation_id, o.message_id, coalesce(o.account_id, 0), o.channel, o.visibility, o.kind, o.purpose, o.consent,
	o.state, o.attempts, o.last_error, o.next_try_at, coalesce(o.external_id, ''), o.url, o.sent_at, o.created_at`

func scanOutboxItem(row interface{ Scan(...any) error }) (*resonanz.OutboxItem, error) {
	var o resonanz.OutboxItem
	err := row.Scan(&o.ID, &o.ConversationID, &o.MessageID, &o.AccountID, &o.Channel, &o.Visibility, &o.Kind, &o.Purpose, &o.Consent,
		&o.State, &o.Attempts, &o.LastError,
		(*timeColumn)(&o.NextTry), &o.ExternalID, &o.URL, (*timeColumn)(&o.SentAt), (*timeColumn)(&o.CreatedAt))
	return &o, err
}
