package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// maxNonceLen bounds the id a bulk reply form carries against double submits.
const maxNonceLen = 100

// PreviewBulkReply fills the draft for every customer of an alert's crisis room.
func (db *DB) PreviewBulkReply(ctx context.Context, id int64, draft resonanz.BulkDraft) (*resonanz.BulkPreview, error) {
	return bulkPreview(ctx, db.read, id, draft)
}

// SendBulkReply queues one reply per affected customer that may be contacted,
// in one transaction; a nonce seen before returns the earlier bulk reply.
func (db *DB) SendBulkReply(ctx context.Context, id int64, by *resonanz.User, draft resonanz.BulkDraft, nonce string) (*resonanz.BulkReply, error) {
	if nonce == "" || len(nonce) > maxNonceLen {
		return nil, resonanz.FieldError("nonce", "The form is incomplete. Please reload the page and try again.").Keyed("form.incomplete")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: begin bulk reply: %w", err)
	}
	defer tx.Rollback()
	if prev, err := findBulkReply(ctx, tx, `b.alert_id = ? AND b.nonce = ?`, id, nonce); err != nil {
		return nil, err
	} else if len(prev) > 0 {
		prev[0].Repeated = true
		return prev[0], nil
	}
	preview, err := bulkPreview(ctx, tx, id, draft)
	if err != nil {
		return nil, err
	}
	if len(preview.Recipients) == 0 {
		return nil, resonanz.Errorf(resonanz.ECONFLICT, "Nobody to send to: no affected customer may be contacted on their channel.").Keyed("bulk.nobody")
	}
	now := db.Now()
	br := &resonanz.BulkReply{AlertID: id, Template: draft.Template(resonanz.VariantSie), UserName: by.Name,
		Sent: len(preview.Recipients), Skipped: len(preview.Skipped), CreatedAt: fromMillis(millis(now))}
	if err := tx.QueryRowContext(ctx, `INSERT INTO bulk_replies (alert_id, nonce, user_id, template, sent, skipped, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, id, nonce, by.ID, br.Template, br.Sent, br.Skipped, millis(now)).Scan(&br.ID); err != nil {
		return nil, fmt.Errorf("store: bulk reply from alert %d: %w", id, err)
	}
	if err := recordBulkReply(ctx, tx, br.ID, draft, preview); err != nil {
		return nil, fmt.Errorf("store: bulk reply from alert %d: %w", id, err)
	}
	if err := db.queueBulkReply(ctx, tx, id, by, preview, now); err != nil {
		return nil, fmt.Errorf("store: bulk reply from alert %d: %w", id, err)
	}
	if err := alertEvent(ctx, tx, id, by, resonanz.AlertBulkReply,
		resonanz.Params{"sent": strconv.Itoa(br.Sent), "skipped": strconv.Itoa(br.Skipped)}, millis(now)); err != nil {
		return nil, fmt.Errorf("store: bulk reply from alert %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: commit bulk reply from alert %d: %w", id, err)
	}
	db.wakeRouter()
	return br, nil
}

// queueBulkReply queues and audits each recipient's reply, logs why the
// skipped got none, then indexes the replies.
func (db *DB) queueBulkReply(ctx context.Context, tx *sql.Tx, alertID int64, by *resonanz.User, p *resonanz.BulkPreview, now time.Time) error {
	messageIDs := make([]int64, len(p.Recipients))
	for i, r := range p.Recipients {
		c, err := findConversationByID(ctx, tx, r.ConversationID)
		if err != nil {
			return err
		}
		item, err := db.queueOutbound(ctx, tx, c, outbound{kind: resonanz.OutboundBulk, decision: r.Decision, by: by, text: r.Text, visibility: r.Visibility}, now)
		if err != nil {
			return err
		}
		messageIDs[i] = item.MessageID
		params := resonanz.Params{"alert": strconv.FormatInt(alertID, 10), "visibility": r.Visibility, "text": summary(r.Text, 80)}
		if err := audit(ctx, tx, c.ID, by, resonanz.AuditBulkReply, params, millis(now)); err != nil {
			return err
		}
	}
	for _, r := range p.Skipped {
		if r.Skip != resonanz.SkipConsent {
			continue // the manager's choice, not the customer's wish
		}
		if err := logDecision(ctx, tx, r.ConversationID, by, resonanz.OutboundBulk, r.Decision, 0, millis(now)); err != nil {
			return err
		}
	}
	for i, r := range p.Recipients {
		if err := indexReply(ctx, tx, messageIDs[i], r.Text); err != nil {
			return err
		}
	}
	return nil
}

// BulkReplies lists the bulk replies sent from an alert, newest first.
func (db *DB) BulkReplies(ctx context.Context, id int64) ([]*resonanz.BulkReply, error) {
	return findBulkReply(ctx, db.read, `b.alert_id = ?`, id)
}

func findBulkReply(ctx context.Context, q queryer, where string, args ...any) ([]*resonanz.BulkReply, error) {
	rows, err := q.QueryContext(ctx, `SELECT b.id, b.alert_id, b.template, u.name, b.sent, b.skipped, b.created_at
		FROM bulk_replies b JOIN users u ON u.id = b.user_id WHERE `+where+` ORDER BY b.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: find bulk replies: %w", err)
	}
	defer rows.Close()
	var list []*resonanz.BulkReply
	for rows.Next() {
		var b resonanz.BulkReply
		if err := rows.Scan(&b.ID, &b.AlertID, &b.Template, &b.UserName, &b.Sent, &b.Skipped, (*timeColumn)(&b.CreatedAt)); err != nil {
			return nil, fmt.Errorf("store: find bulk replies: %w", err)
		}
		list = append(list, &b)
	}
	return list, rows.Err()
}

// bulkPreview checks the draft against alert id and fills it for each
// customer of the crisis room, or says why one gets nothing.
func bulkPreview(ctx context.Context, q queryer, id int64, draft resonanz.BulkDraft) (*resonanz.BulkPreview, error) {
	draft, err := agentDraft(draft)
	if err != nil {
		return nil, err
	}
	a, err := findAlertByID(ctx, q, alertAlone, id)
	if err != nil {
		return nil, err
	}
	if err := draft.Check(a.Statement); err != nil {
		return nil, err
	}
	recipients, err := alertRecipients(ctx, q, id)
	if err != nil {
		return nil, err
	}
	policy, err := consentPolicy(ctx, q)
	if err != nil {
		return nil, err
	}
	p := &resonanz.BulkPreview{}
	for _, r := range recipients {
		if err := fillBulkReply(r, draft, a.Statement); err != nil {
			return nil, err
		}
		wishes, err := contactWishes(ctx, q, r.ContactID)
		if err != nil {
			return nil, err
		}
		// A bulk reply is not a direct answer: "do not contact" holds.
		r.Decision = resonanz.MayContact(wishes, resonanz.ContactAttempt{Purpose: resonanz.PurposeService, Channel: r.Channel}, policy)
		if r.Skip == "" && !r.Decision.Allowed {
			r.Skip = resonanz.SkipConsent
		}
		if r.Skip != "" {
			p.Skipped = append(p.Skipped, r)
		} else {
			p.Recipients = append(p.Recipients, r)
		}
	}
	return p, nil
}

// alertRecipients returns one recipient per contact with customer messages
// in the crisis room: the conversation, visibility, language and words of
// their latest one.
func alertRecipients(ctx context.Context, q queryer, id int64) ([]*resonanz.BulkRecipient, error) {
	rows, err := q.QueryContext(ctx, `WITH latest AS (
			SELECT rm.contact_id, m.id, m.conversation_id, m.text, m.visibility, m.language,
				row_number() OVER (PARTITION BY rm.contact_id ORDER BY m.sent_at DESC, m.id DESC) AS rank
			FROM room_messages rm JOIN messages m ON m.id = rm.message_id
			WHERE rm.alert_id = ? AND rm.in_room = 1 AND rm.contact_id IS NOT NULL AND m.direction = 'in')
		SELECT l.contact_id, l.conversation_id, c.channel, l.visibility, l.text, l.language, coalesce(nullif(ci.display_name, ''), ci.handle)
		FROM latest l JOIN conversations c ON c.id = l.conversation_id JOIN identities ci ON ci.id = c.identity_id
		WHERE l.rank = 1 ORDER BY l.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: recipients of alert %d: %w", id, err)
	}
	defer rows.Close()
	var list []*resonanz.BulkRecipient
	for rows.Next() {
		var r resonanz.BulkRecipient
		var visibility, text string
		if err := rows.Scan(&r.ContactID, &r.ConversationID, &r.Channel, &visibility, &text, &r.Language, &r.Name); err != nil {
			return nil, fmt.Errorf("store: recipients of alert %d: %w", id, err)
		}
		r.Visibility = visibility // the way they wrote, until fillBulkReply decides
		r.Quote = resonanz.Quote(text, resonanz.QuoteLen)
		r.Variant = resonanz.BulkVariant(r.Language, text)
		list = append(list, &r)
	}
	return list, rows.Err()
}
