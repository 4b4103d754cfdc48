package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/resonanz/resonanz"
)

const attachmentColumns = `a.id, a.message_id, m.conversation_id, a.name, a.type, a.size, a.original, a.path, a.refused, a.limit_bytes`

func scanAttachment(row interface{ Scan(...any) error }) (*resonanz.Attachment, error) {
	var a resonanz.Attachment
	err := row.Scan(&a.ID, &a.MessageID, &a.ConversationID, &a.Name, &a.Type, &a.Size, &a.Original, &a.Path, &a.Refused, &a.Limit)
	return &a, err
}

// FindAttachment returns one attachment with its conversation, or ENOTFOUND.
func (db *DB) FindAttachment(ctx context.Context, id int64) (*resonanz.Attachment, error) {
	a, err := scanAttachment(db.read.QueryRowContext(ctx, `SELECT `+attachmentColumns+`
		FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "File %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: find attachment %d: %w", id, err)
	}
	return a, nil
}

// AttachmentConversation returns the conversation of an attachment's message, or ENOTFOUND.
func (db *DB) AttachmentConversation(ctx context.Context, id int64) (int64, error) {
	a, err := db.FindAttachment(ctx, id)
	if err != nil {
		return 0, err
	}
	return a.ConversationID, nil
}

// timelineAttachments adds to the timeline's messages their files and
// where their customers asked replies to go.
func (db *DB) timelineAttachments(ctx context.Context, tl *resonanz.Timeline) error {
	byID := map[int64]*resonanz.Message{}
	var ids []any
	for _, e := range tl.Entries {
		if e.Message != nil && e.Message.Direction == resonanz.Inbound {
			byID[e.Message.ID] = e.Message
			ids = append(ids, e.Message.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	all, err := collect(ctx, db.read, `SELECT `+attachmentColumns+` FROM attachments a JOIN messages m ON m.id = a.message_id
		WHERE a.message_id IN (`+placeholders(len(ids))+`) ORDER BY a.original DESC, a.id`, ids, scanAttachment)
	if err != nil {
		return err
	}
	for _, a := range all {
		m := byID[a.MessageID]
		m.Attachments = append(m.Attachments, a)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT message_id, address FROM message_reply_addresses WHERE message_id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var address string
		if err := rows.Scan(&id, &address); err != nil {
			return err
		}
		byID[id].ReplyAddress = address
	}
	return rows.Err()
}
