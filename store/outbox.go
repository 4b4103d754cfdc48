package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/riverqueue/river"
)

// Replies leave one at a time from a queue of their own; twelve attempts
// with growing pauses ride out about six hours of a platform being away.
const (
	outboxQueue    = "outbox"
	outboxAttempts = 12
)

var outboxPauses = []time.Duration{10 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute,
	10 * time.Minute, 20 * time.Minute, 30 * time.Minute, 45 * time.Minute, time.Hour, 2 * time.Hour}

// SetReplySender gives the store what sends queued replies; set it before StartTimers.
func (db *DB) SetReplySender(s resonanz.ReplySender) { db.replies = s }

type outboxWorker struct {
	river.WorkerDefaults[outboxJob]
	db *DB
}

func (w *outboxWorker) Work(ctx context.Context, job *river.Job[outboxJob]) error {
	return w.db.deliverReply(ctx, job.Args.OutboxID, job.JobRow.Attempt, job.JobRow.MaxAttempts)
}

func (w *outboxWorker) NextRetry(job *river.Job[outboxJob]) time.Time {
	return time.Now().Add(w.db.outboxPause(job.Attempt))
}

func (w *outboxWorker) Timeout(*river.Job[outboxJob]) time.Duration { return 2 * time.Minute }

func (db *DB) outboxPause(attempt int) time.Duration {
	if db.DeliveryBackoff != nil {
		return db.DeliveryBackoff(attempt)
	}
	return outboxPauses[min(max(attempt, 1), len(outboxPauses))-1]
}

// deliverReply makes one attempt at sending a queued message and records
// how it went. It asks the consent check again first: a wish the customer
// stated after the message was queued holds it back.
func (db *DB) deliverReply(ctx context.Context, id int64, attempt, maxAttempts int) error {
	p, err := db.outboxDelivery(ctx, id)
	if errors.Is(err, errNothingToSend) {
		return nil
	} else if err != nil {
		return err
	}
	if p.paused || db.replies == nil {
		return river.JobSnooze(time.Minute)
	}
	if held, err := db.holdAgainstWish(ctx, p); err != nil {
		return err
	} else if held {
		return river.JobCancel(errors.New("held: the customer's wishes rule it out now"))
	}
	d := p.delivery
	d.Attempt = attempt
	if d.Footer, err = db.emailFooter(ctx, p.contactID, p.language); err != nil {
		return err
	}
	sent, err := db.replies.SendReply(ctx, d)
	if err == nil {
		return db.recordSent(ctx, id, attempt, sent)
	}
	if reason, ok := resonanz.HeldReason(err); ok {
		if rerr := db.recordAttempt(ctx, id, attempt, resonanz.OutboxHeld, reason, time.Time{}); rerr != nil {
			return rerr
		}
		return river.JobCancel(err)
	}
	if wait, ok := resonanz.RetryAfter(err); ok {
		if rerr := db.recordAttempt(ctx, id, attempt, resonanz.OutboxPending, err.Error(), time.Now().Add(wait)); rerr != nil {
			return rerr
		}
		return river.JobSnooze(wait)
	}
	state, next := resonanz.OutboxPending, time.Now().Add(db.outboxPause(attempt))
	if resonanz.IsPermanent(err) || attempt >= maxAttempts {
		state, next = resonanz.OutboxFailed, time.Time{}
	}
	if rerr := db.recordAttempt(ctx, id, attempt, state, err.Error(), next); rerr != nil {
		return rerr
	}
	if state == resonanz.OutboxFailed {
		return river.JobCancel(err)
	}
	return err
}

var errNothingToSend = errors.New("nothing to send")

// pendingItem is an outbox item about to be sent: what the sender needs,
// and what the consent check and the email footer need.
type pendingItem struct {
	delivery                  *resonanz.OutboxDelivery
	paused                    bool
	conversationID, messageID int64
	contactID                 int64
	kind, purpose, language   string
}

// outboxDelivery loads what sending outbox item id needs; errNothingToSend
// if it is no longer pending (sent, given up, or its account removed).
func (db *DB) outboxDelivery(ctx context.Context, id int64) (*pendingItem, error) {
	d := &resonanz.OutboxDelivery{OutboxID: id}
	p := &pendingItem{delivery: d}
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
		return nil, errNothingToSend
	} else if err != nil {
		return nil, fmt.Errorf("store: outbox %d: %w", id, err)
	}
	d.AccountID, d.Public, p.paused = accountID.Int64, visibility == resonanz.Public, paused.Bool
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

// holdAgainstWish asks the consent check about a queued message again,
// with the wishes of now; if they rule it out, it holds the message
// (resonanz.HeldConsent) and logs the decision, in one transaction.
func (db *DB) holdAgainstWish(ctx context.Context, p *pendingItem) (bool, error) {
	c, err := findConversationByID(ctx, db.read, p.conversationID)
	if err != nil {
		return false, err
	}
	if d, err := consentCheck(ctx, db.read, c, p.kind, p.purpose, p.messageID); err != nil || d.Allowed {
		return false, err // the usual case, without taking the writer
	}
	held := false
	err = db.inTx(ctx, fmt.Sprintf("consent of outbox %d", p.delivery.OutboxID), func(tx *sql.Tx) error {
		c, err := findConversationByID(ctx, tx, p.conversationID)
		if err != nil {
			return err
		}
		d, err := consentCheck(ctx, tx, c, p.kind, p.purpose, p.messageID)
		if err != nil || d.Allowed {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'held', last_error = ?, consent = ?, next_try_at = NULL
			WHERE id = ? AND state = 'pending'`, resonanz.HeldConsent, d.Rule, p.delivery.OutboxID)
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

// emailFooter is what goes below a message that leaves by email, if the
// leads want the wishes link there: "" otherwise, or while no link can be made.
func (db *DB) emailFooter(ctx context.Context, contactID int64, language string) (string, error) {
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

// recordSent marks an outbox item sent and gives the outbound message the
// platform's id, so that a customer answering it joins the conversation.
func (db *DB) recordSent(ctx context.Context, id int64, attempt int, sent *resonanz.Sent) error {
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

func (db *DB) recordAttempt(ctx context.Context, id int64, attempt int, state, reason string, next time.Time) error {
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
		if _, err := db.timers.client.InsertTx(ctx, tx, outboxJob{OutboxID: outboxID}, nil); err != nil {
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
