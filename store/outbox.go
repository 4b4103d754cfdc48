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

// deliverReply makes one attempt at sending a queued reply and records how it went.
func (db *DB) deliverReply(ctx context.Context, id int64, attempt, maxAttempts int) error {
	d, paused, err := db.outboxDelivery(ctx, id)
	if errors.Is(err, errNothingToSend) {
		return nil
	} else if err != nil {
		return err
	}
	if paused {
		return river.JobSnooze(time.Minute)
	}
	if db.replies == nil {
		return river.JobSnooze(time.Minute)
	}
	d.Attempt = attempt
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

// outboxDelivery loads what sending outbox item id needs; errNothingToSend
// if it is no longer pending (sent, given up, or its account removed).
func (db *DB) outboxDelivery(ctx context.Context, id int64) (*resonanz.OutboxDelivery, bool, error) {
	d := &resonanz.OutboxDelivery{OutboxID: id}
	var state, visibility string
	var accountID sql.NullInt64
	var paused sql.NullBool
	var conversationID int64
	err := db.read.QueryRowContext(ctx, `SELECT o.state, o.account_id, a.paused, o.conversation_id, o.visibility, m.text, o.created_at
		FROM outbox o JOIN messages m ON m.id = o.message_id LEFT JOIN channel_accounts a ON a.id = o.account_id WHERE o.id = ?`, id).
		Scan(&state, &accountID, &paused, &conversationID, &visibility, &d.Text, (*timeColumn)(&d.QueuedAt))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (state != resonanz.OutboxPending || !accountID.Valid)) {
		return nil, false, errNothingToSend
	} else if err != nil {
		return nil, false, fmt.Errorf("store: outbox %d: %w", id, err)
	}
	d.AccountID, d.Public = accountID.Int64, visibility == resonanz.Public
	// The recipient is the customer's latest wish: the Reply-To of their
	// latest message if it named one, else the handle it came from.
	err = db.read.QueryRowContext(ctx, `SELECT coalesce(m.external_id, ''), coalesce(r.address, i.handle, '') FROM messages m
		LEFT JOIN identities i ON i.id = m.identity_id LEFT JOIN message_reply_addresses r ON r.message_id = m.id
		WHERE m.conversation_id = ? AND m.direction = 'in' ORDER BY m.sent_at DESC, m.id DESC LIMIT 1`, conversationID).Scan(&d.ReplyTo, &d.Recipient)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, false, fmt.Errorf("store: outbox %d: %w", id, err)
	}
	return d, paused.Bool, nil
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

// RetryReply queues a failed reply again, if the customer may still be contacted.
func (db *DB) RetryReply(ctx context.Context, conversationID, outboxID int64, by *resonanz.User) error {
	return db.change(ctx, conversationID, func(tx *sql.Tx, c *resonanz.Conversation) error {
		if err := refuseForbidden(ctx, tx, c); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'pending', next_try_at = NULL
			WHERE id = ? AND conversation_id = ? AND state = 'failed' AND account_id IS NOT NULL`, outboxID, c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return resonanz.Errorf(resonanz.ECONFLICT, "Only a reply that failed can be tried again.").Keyed("reply.retry")
		}
		if _, err := db.timers.client.InsertTx(ctx, tx, outboxJob{OutboxID: outboxID}, nil); err != nil {
			return err
		}
		return audit(ctx, tx, c.ID, by, resonanz.AuditRetry, resonanz.Params{"reply": strconv.FormatInt(outboxID, 10)}, millis(db.Now()))
	})
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

const outboxColumns = `o.id, o.conversation_id, o.message_id, coalesce(o.account_id, 0), o.channel, o.visibility, o.state, o.attempts, o.last_error,
	o.next_try_at, coalesce(o.external_id, ''), o.url, o.sent_at, o.created_at`

func scanOutboxItem(row interface{ Scan(...any) error }) (*resonanz.OutboxItem, error) {
	var o resonanz.OutboxItem
	err := row.Scan(&o.ID, &o.ConversationID, &o.MessageID, &o.AccountID, &o.Channel, &o.Visibility, &o.State, &o.Attempts, &o.LastError,
		(*timeColumn)(&o.NextTry), &o.ExternalID, &o.URL, (*timeColumn)(&o.SentAt), (*timeColumn)(&o.CreatedAt))
	return &o, err
}
