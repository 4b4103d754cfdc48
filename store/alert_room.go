package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/resonanz/resonanz"
)

// SaveAlertMembers records the monitor's judgement of messages of an alert's
// key; a judgement made again replaces the earlier one.
func (db *DB) SaveAlertMembers(ctx context.Context, alertID int64, members []resonanz.AlertMember) error {
	if len(members) == 0 {
		return nil
	}
	return db.inTx(ctx, "save alert members", func(tx *sql.Tx) error {
		for _, m := range members {
			if _, err := tx.ExecContext(ctx, `INSERT INTO alert_messages (alert_id, message_id, member, score, reason, evidence)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id, message_id) DO UPDATE SET member = excluded.member,
				score = excluded.score, reason = excluded.reason, evidence = excluded.evidence`,
				alertID, m.MessageID, m.Member, m.Score, m.Reason, joinList(m.Evidence)); err != nil {
				return err
			}
		}
		return nil
	})
}

// ChooseRoomMembers records a manager's choice about a crisis room and adds
// it to the alert's timeline. A message not judged yet joins the alert's
// messages, so that a manager can add one the monitor never saw.
func (db *DB) ChooseRoomMembers(ctx context.Context, alertID int64, by *resonanz.User, c resonanz.RoomChoice) error {
	if (c.MessageID == 0) == (c.ContactID == 0) {
		return resonanz.FieldError("message", "Choose one message or one customer.").Keyed("room.choose")
	}
	now := millis(db.Now())
	return db.inTx(ctx, "choose room members", func(tx *sql.Tx) error {
		if _, err := findAlertByID(ctx, tx, alertAlone, alertID); err != nil {
			return err
		}
		params, err := roomChoiceParams(ctx, tx, alertID, c)
		if err != nil {
			return err
		}
		var message, contact any
		if c.MessageID != 0 {
			message = c.MessageID
			if _, err := tx.ExecContext(ctx, `INSERT INTO alert_messages (alert_id, message_id, member, score, reason)
				VALUES (?, ?, 0, 0, '') ON CONFLICT DO NOTHING`, alertID, c.MessageID); err != nil {
				return err
			}
		} else {
			contact = c.ContactID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO alert_room_choices (alert_id, message_id, contact_id, include, user_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, alertID, message, contact, c.Include, by.ID, now); err != nil {
			return err
		}
		kind := resonanz.AlertRoomRemoved
		if c.Include {
			kind = resonanz.AlertRoomAdded
		}
		return alertEvent(ctx, tx, alertID, by, kind, params, now)
	})
}

// roomChoiceParams names what a choice is about for the timeline: the
// customer, and the message's number; it refuses a message that is no
// customer's and a customer without messages in the alert.
func roomChoiceParams(ctx context.Context, tx *sql.Tx, alertID int64, c resonanz.RoomChoice) (resonanz.Params, error) {
	var name string
	var err error
	if c.MessageID != 0 {
		err = tx.QueryRowContext(ctx, `SELECT coalesce(ct.name, m.author_name) FROM messages m
			JOIN identities i ON i.id = m.identity_id LEFT JOIN contacts ct ON ct.id = i.contact_id
			WHERE m.id = ? AND m.direction = 'in'`, c.MessageID).Scan(&name)
	} else {
		err = tx.QueryRowContext(ctx, `SELECT coalesce(ct.name, '') FROM room_messages rm LEFT JOIN contacts ct ON ct.id = rm.contact_id
			WHERE rm.alert_id = ? AND rm.contact_id = ? LIMIT 1`, alertID, c.ContactID).Scan(&name)
	}
	if err == sql.ErrNoRows {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "No such customer message in this alert.").Keyed("room.unknown")
	} else if err != nil {
		return nil, err
	}
	p := resonanz.Params{"customer": name}
	if c.MessageID != 0 {
		p["message"] = "#" + strconv.FormatInt(c.MessageID, 10)
	}
	return p, nil
}

// RoomMessages returns the messages in an alert's crisis room, or those of
// its key and time left out, newest first, with the judgement and the
// manager's choice in force.
func (db *DB) RoomMessages(ctx context.Context, alertID int64, in bool, limit int) ([]*resonanz.RoomMessage, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT m.id, m.conversation_id, m.channel, coalesce(m.external_id, ''), m.direction,
			m.author_name, coalesce(i.handle, ''), coalesce(m.user_id, 0), m.text, m.visibility, m.sent_at, `+labelColumns+`,
			coalesce(ct.name, m.author_name), rm.member, rm.score, rm.reason, rm.evidence, coalesce(rm.contact_id, 0),
			coalesce(u.name, ''), coalesce(ch.created_at, 0)
		FROM room_messages rm JOIN messages m ON m.id = rm.message_id
		LEFT JOIN identities i ON i.id = m.identity_id LEFT JOIN contacts ct ON ct.id = i.contact_id
		LEFT JOIN alert_room_choices ch ON ch.id = rm.choice_id LEFT JOIN users u ON u.id = ch.user_id
		WHERE rm.alert_id = ? AND rm.in_room = ? AND m.direction = 'in' ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`, alertID, in, limit)
	if err != nil {
		return nil, fmt.Errorf("store: room messages: %w", err)
	}
	defer rows.Close()
	var list []*resonanz.RoomMessage
	for rows.Next() {
		var r resonanz.RoomMessage
		var evidence string
		var chosen int64
		if r.Message, err = scanMessage(rows, &r.CustomerName, &r.Member, &r.Score, &r.Reason, &evidence, &r.ContactID,
			&r.ChosenBy, &chosen); err != nil {
			return nil, fmt.Errorf("store: room messages: %w", err)
		}
		r.MessageID, r.Evidence = r.Message.ID, splitList(evidence)
		if chosen != 0 {
			r.ChosenAt = fromMillis(chosen)
		}
		list = append(list, &r)
	}
	return list, rows.Err()
}
