package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/search"
)

// Reasons why a reply is held rather than sent; the UI words them.
const (
	heldNoAccount = "no_account" // the conversation came in without a channel account (API, import)
	heldDemo      = "demo"       // the account is a demo account: nothing leaves
)

// outbound is a message about to be queued: what it is, the consent
// decision that lets it leave, who sends it and what it says.
type outbound struct {
	kind     string // one of the resonanz.Outbound* kinds
	decision resonanz.ConsentDecision
	by       *resonanz.User // nil: resonanz itself (a survey)
	text     string
	// visibility is the reply's: public or private.
	visibility string
}

// queueOutbound stores a message to the customer of conversation c as an
// outbound message with an outbox entry and, when an account can send it,
// the job that sends it. It queues nothing the consent decision did not
// allow: every way into the outbox passes resonanz.MayContact first, in the
// same transaction, and logs the decision here. An agent's message tells
// the router, and an open conversation now waits for the customer. The
// caller indexes the text and writes the rest of the audit trail.
func (db *DB) queueOutbound(ctx context.Context, tx *sql.Tx, c *resonanz.Conversation, o outbound, at time.Time) (*resonanz.OutboxItem, error) {
	if !o.decision.Allowed || o.decision.Purpose == "" {
		return nil, consentRefusal(c)
	}
	now := millis(at)
	item := &resonanz.OutboxItem{ConversationID: c.ID, Channel: c.Channel, Visibility: o.visibility, Kind: o.kind, Purpose: o.decision.Purpose,
		Consent: o.decision.Rule, State: resonanz.OutboxPending, CreatedAt: fromMillis(now)}
	var userID any
	author := "resonanz"
	if o.by != nil {
		userID, author = o.by.ID, o.by.Name
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO messages
		(conversation_id, channel, direction, user_id, author_name, text, visibility, sent_at, created_at)
		VALUES (?, ?, 'out', ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.ID, c.Channel, userID, author, o.text, o.visibility, now, now).Scan(&item.MessageID); err != nil {
		return nil, err
	}
	accountID, demo, err := replyAccount(ctx, tx, c.ID)
	if err != nil {
		return nil, err
	}
	var account any
	switch {
	case accountID == 0:
		item.State, item.LastError = resonanz.OutboxHeld, heldNoAccount
	case demo:
		item.State, item.LastError, account = resonanz.OutboxHeld, heldDemo, accountID
	default:
		item.AccountID, account = accountID, accountID
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO outbox (conversation_id, message_id, account_id, channel, visibility, kind, purpose, consent,
		state, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.ID, item.MessageID, account, c.Channel, o.visibility,
		item.Kind, item.Purpose, item.Consent, item.State, item.LastError, now).Scan(&item.ID); err != nil {
		return nil, err
	}
	if err := logDecision(ctx, tx, c.ID, o.by, o.kind, o.decision, item.ID, now); err != nil {
		return nil, err
	}
	if item.State == resonanz.OutboxPending {
		if err := db.queue(ctx, tx, resonanz.Job{Args: resonanz.OutboxJob{OutboxID: item.ID}}); err != nil {
			return nil, err
		}
	}
	if o.by == nil {
		return item, nil // resonanz's own message moves no clock
	}
	if err := routeEvent(ctx, tx, c.ID, resonanz.RouteAgent, now); err != nil {
		return nil, err
	}
	if c.Status == resonanz.StatusOpen {
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET status = 'waiting' WHERE id = ?`, c.ID); err != nil {
			return nil, err
		}
		if err := routeEvent(ctx, tx, c.ID, resonanz.StatusWaiting, now); err != nil {
			return nil, err
		}
	}
	return item, nil
}

// replyAccount is the account a reply in a conversation leaves through: the
// one its customer's latest message came in by; 0 if none did.
func replyAccount(ctx context.Context, q queryer, conversationID int64) (id int64, demo bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT a.id, a.demo FROM messages m JOIN channel_accounts a ON a.id = m.account_id
		WHERE m.conversation_id = ? AND m.direction = 'in' AND m.account_id IS NOT NULL ORDER BY m.sent_at DESC, m.id DESC LIMIT 1`,
		conversationID).Scan(&id, &demo)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, demo, err
}

// indexReply adds an outbound message's words to the search index. Callers
// that queue many replies index them last: FTS5 flushes its pending terms
// whenever a later statement opens a savepoint.
func indexReply(ctx context.Context, tx *sql.Tx, messageID int64, text string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO message_terms (rowid, terms) VALUES (?, ?)`, messageID, search.Terms(text))
	return err
}
