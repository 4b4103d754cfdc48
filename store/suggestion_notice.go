package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/resonanz/resonanz"
)

// PreviewSuggestionNotice says whom the done notice of entry id would reach
// and who is left out for their contact wishes.
func (db *DB) PreviewSuggestionNotice(ctx context.Context, id int64) (*resonanz.NoticePreview, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: begin notice preview: %w", err)
	}
	defer tx.Rollback()
	return noticePreview(ctx, tx, id)
}

// SendSuggestionNotice queues the notice to every customer of done entry id
// who may be contacted on their channel, once per entry, in one transaction.
func (db *DB) SendSuggestionNotice(ctx context.Context, id int64, text string, by *resonanz.User) (*resonanz.SuggestionNotice, error) {
	text, err := agentText("text", text)
	if err != nil {
		return nil, err
	}
	if err := resonanz.CheckNoticeTemplate(text); err != nil {
		return nil, err
	}
	var notice *resonanz.SuggestionNotice
	err = db.inTx(ctx, "suggestion notice", func(tx *sql.Tx) error {
		s, err := findSuggestion(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case s.Status != resonanz.SuggestionDone:
			return resonanz.Errorf(resonanz.ECONFLICT, "Only a done suggestion can be announced.").Keyed("suggestion.notice.notdone")
		case s.Notice != nil:
			return resonanz.Errorf(resonanz.ECONFLICT, "The customers were already told.").Keyed("suggestion.notice.sent")
		}
		p, err := noticePreview(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(p.Recipients) == 0 {
			return resonanz.Errorf(resonanz.ECONFLICT, "Nobody to send to: no customer who asked may be contacted on their channel.").Keyed("suggestion.notice.nobody")
		}
		now := db.Now()
		for _, r := range p.Recipients {
			if err := db.queueNotice(ctx, tx, r, s, resonanz.NoticeText(text, r.Name, r.Quote), by, millis(now)); err != nil {
				return err
			}
		}
		for _, r := range p.Skipped {
			if err := logDecision(ctx, tx, r.ConversationID, by, resonanz.OutboundNotice, r.Decision, 0, millis(now)); err != nil {
				return err
			}
		}
		notice = &resonanz.SuggestionNotice{By: by.Name, Sent: len(p.Recipients), Skipped: len(p.Skipped), CreatedAt: fromMillis(millis(now))}
		if _, err := tx.ExecContext(ctx, `INSERT INTO suggestion_notices (suggestion_id, user_id, sent, skipped, created_at) VALUES (?, ?, ?, ?, ?)`,
			id, by.ID, notice.Sent, notice.Skipped, millis(now)); err != nil {
			return err
		}
		params := resonanz.Params{"sent": strconv.Itoa(notice.Sent), "skipped": strconv.Itoa(notice.Skipped)}
		return suggestionEvent(ctx, tx, id, by, resonanz.SuggestionEventNotice, params, millis(now))
	})
	if err != nil {
		return nil, err
	}
	db.wakeRouter()
	return notice, nil
}

// queueNotice queues one customer's notice privately where their channel
// allows, with the consent decision of the preview in the same
// transaction, and audits it.
func (db *DB) queueNotice(ctx context.Context, tx *sql.Tx, r *resonanz.NoticeRecipient, s *resonanz.Suggestion, text string, by *resonanz.User, now int64) error {
	c, err := findConversationByID(ctx, tx, r.ConversationID)
	if err != nil {
		return err
	}
	ch, _ := resonanz.LookupChannel(c.Channel)
	visibility := resonanz.Private
	if ch.ReplyVisibility(false) {
		visibility = resonanz.Public
	}
	item, err := db.queueOutbound(ctx, tx, c, outbound{kind: resonanz.OutboundNotice, decision: r.Decision, by: by, text: text, visibility: visibility}, fromMillis(now))
	if err != nil {
		return err
	}
	params := resonanz.Params{"suggestion": strconv.FormatInt(s.ID, 10), "visibility": visibility, "text": summary(text, 80)}
	if err := audit(ctx, tx, c.ID, by, resonanz.AuditSuggestionNotice, params, now); err != nil {
		return err
	}
	return indexReply(ctx, tx, item.MessageID, text)
}

// noticePreview returns one recipient per customer of entry id, on the
// conversation of their latest message there, split by the contact-wish check.
func noticePreview(ctx context.Context, tx *sql.Tx, id int64) (*resonanz.NoticePreview, error) {
	s, err := findSuggestion(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	latest := map[int64]*resonanz.Asked{}
	var order []int64
	for _, a := range s.Messages { // oldest first: the last one kept is the latest
		if latest[a.ContactID] == nil {
			order = append(order, a.ContactID)
		}
		latest[a.ContactID] = a
	}
	p := &resonanz.NoticePreview{}
	for _, contact := range order {
		c, err := findConversationByID(ctx, tx, latest[contact].ConversationID)
		if err != nil {
			return nil, err
		}
		r := &resonanz.NoticeRecipient{ContactID: contact, ConversationID: c.ID, Name: c.CustomerName, Channel: c.Channel,
			Quote: resonanz.Quote(latest[contact].Text, resonanz.QuoteLen)}
		// The notice is about the customer's own suggestion (a service
		// message), but not a direct answer: "do not contact" holds.
		if r.Decision, err = consentCheck(ctx, tx, c, resonanz.OutboundNotice, resonanz.PurposeService, 0); err != nil {
			return nil, err
		}
		if r.Decision.Allowed {
			p.Recipients = append(p.Recipients, r)
		} else {
			p.Skipped = append(p.Skipped, r)
		}
	}
	return p, nil
}
