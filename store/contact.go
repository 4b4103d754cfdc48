package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// contactLimit bounds how many of a person's messages and conversations the contact page lists.
const contactLimit = 300

// ContactPage gathers everything known about one person across channels.
func (db *DB) ContactPage(ctx context.Context, id int64) (*resonanz.ContactPage, error) {
	ct, err := db.findContact(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Contact %d not found.", id).Keyed("contact.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: contact %d: %w", id, err)
	}
	p := &resonanz.ContactPage{Contact: ct}
	steps := []func() error{
		func() (err error) {
			p.Conversations, err = collect(ctx, db.read, `SELECT `+conversationColumns+` WHERE c.contact_id = ? ORDER BY c.last_message_at DESC LIMIT ?`,
				[]any{id, contactLimit}, func(row interface{ Scan(...any) error }) (*resonanz.Conversation, error) {
					return scanConversation(row)
				})
			return err
		},
		func() (err error) { p.Messages, err = db.contactMessages(ctx, id); return err },
		func() (err error) {
			p.Promises, err = db.FindPromises(ctx, resonanz.PromiseFilter{ContactID: id})
			return err
		},
		func() (err error) {
			p.Goodwill, err = db.FindGoodwillGrants(ctx, resonanz.GoodwillFilter{ContactID: id})
			return err
		},
		func() (err error) { p.Wishes, err = wishHistory(ctx, db.read, id); return err },
		func() (err error) {
			p.Audit, err = collect(ctx, db.read, `SELECT u.name, e.action, e.channel, e.handle, e.created_at FROM contact_events e
				JOIN users u ON u.id = e.user_id WHERE e.contact_id = ? ORDER BY e.id DESC`, []any{id},
				func(row interface{ Scan(...any) error }) (*resonanz.ContactEvent, error) {
					var e resonanz.ContactEvent
					return &e, row.Scan(&e.UserName, &e.Action, &e.Channel, &e.Handle, (*timeColumn)(&e.CreatedAt))
				})
			return err
		},
		func() (err error) { p.Suggestions, err = db.contactSuggestions(ctx, ct); return err },
		func() (err error) { p.Privacy, err = db.PrivacyEvents(ctx, id); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("store: contact %d: %w", id, err)
		}
	}
	return p, nil
}

func (db *DB) contactMessages(ctx context.Context, id int64) ([]*resonanz.Message, error) {
	return collect(ctx, db.read, `SELECT m.id, m.conversation_id, m.channel, coalesce(m.external_id, ''), m.direction, m.author_name,
			coalesce(i.handle, ''), coalesce(m.user_id, 0), m.text, m.visibility, m.sent_at, `+labelColumns+`
		FROM messages m JOIN conversations c ON c.id = m.conversation_id LEFT JOIN identities i ON i.id = m.identity_id
		WHERE c.contact_id = ? ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`, []any{id, contactLimit},
		func(row interface{ Scan(...any) error }) (*resonanz.Message, error) { return scanMessage(row) })
}

// contactSuggestions finds other people who use one of ct's handles on
// another channel, or whose customer ref is one of its email addresses.
func (db *DB) contactSuggestions(ctx context.Context, ct *resonanz.Contact) ([]*resonanz.ContactSuggestion, error) {
	seen := map[int64]bool{ct.ID: true}
	var list []*resonanz.ContactSuggestion
	for _, idn := range ct.Identities {
		handle := normalHandle(idn.Handle)
		if handle == "" {
			continue
		}
		others, err := collect(ctx, db.read, `SELECT DISTINCT i.contact_id, 'same_handle' FROM identities i
			WHERE lower(i.handle) IN (?, ?) AND i.contact_id <> ?
			UNION SELECT id, 'same_email' FROM contacts WHERE lower(customer_ref) = ? AND id <> ? AND ? LIKE '%@%'`,
			[]any{handle, "@" + handle, ct.ID, handle, ct.ID, handle}, func(row interface{ Scan(...any) error }) (*resonanz.ContactSuggestion, error) {
				s := &resonanz.ContactSuggestion{Contact: &resonanz.Contact{}, Handle: idn.Handle}
				return s, row.Scan(&s.Contact.ID, &s.Reason)
			})
		if err != nil {
			return nil, err
		}
		for _, s := range others {
			if seen[s.Contact.ID] {
				continue
			}
			seen[s.Contact.ID] = true
			if s.Contact, err = db.findContact(ctx, s.Contact.ID); err != nil {
				return nil, err
			}
			list = append(list, s)
		}
	}
	return list, nil
}

// normalHandle is a handle as people write it, whatever the channel: lower
// case, without the leading @.
func normalHandle(h string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(h)), "@")
}

// CanSeeContact reports whether the user may see a contact.
func (db *DB) CanSeeContact(ctx context.Context, u *resonanz.User, id int64) (bool, error) {
	if u.SeesAllConversations() {
		var n int
		err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM contacts WHERE id = ?`, id).Scan(&n)
		return n > 0, err
	}
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM conversations c WHERE c.contact_id = ? AND `+visibleCondition,
		append([]any{id}, visibleArgs(u.ID)...)...).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: may see contact %d: %w", id, err)
	}
	return n > 0, nil
}

// LinkContacts makes other the same person as id.
func (db *DB) LinkContacts(ctx context.Context, id, other int64, by *resonanz.User) error {
	if id == other {
		return resonanz.Errorf(resonanz.EINVALID, "A person cannot be linked to themselves.").Keyed("contact.self")
	}
	return db.inTx(ctx, fmt.Sprintf("link contact %d to %d", other, id), func(tx *sql.Tx) error {
		var keepRef, otherRef sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT customer_ref FROM contacts WHERE id = ? AND merged_into IS NULL`, id).Scan(&keepRef); err != nil {
			return notFoundContact(err, id)
		}
		if err := tx.QueryRowContext(ctx, `SELECT customer_ref FROM contacts WHERE id = ? AND merged_into IS NULL`, other).Scan(&otherRef); err != nil {
			return notFoundContact(err, other)
		}
		handles, err := collect(ctx, tx, `SELECT channel, handle FROM identities WHERE contact_id = ?`, []any{other},
			func(row interface{ Scan(...any) error }) ([2]string, error) {
				var h [2]string
				return h, row.Scan(&h[0], &h[1])
			})
		if err != nil {
			return err
		}
		now := millis(db.Now())
		for _, table := range []string{"identities", "conversations", "contact_wishes", "goodwill_grants", "surveys"} {
			if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET contact_id = ? WHERE contact_id = ?`, id, other); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET merged_into = ?, customer_ref = NULL WHERE id = ?`, id, other); err != nil {
			return err
		}
		if !keepRef.Valid && otherRef.Valid {
			if _, err := tx.ExecContext(ctx, `UPDATE contacts SET customer_ref = ? WHERE id = ?`, otherRef.String, id); err != nil {
				return err
			}
		}
		for _, h := range handles {
			for _, contact := range []int64{id, other} {
				if _, err := tx.ExecContext(ctx, `INSERT INTO contact_events (contact_id, user_id, action, channel, handle, created_at)
					VALUES (?, ?, 'link', ?, ?, ?)`, contact, by.ID, h[0], h[1], now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// UnlinkHandle makes one handle of a person a person of its own again.
func (db *DB) UnlinkHandle(ctx context.Context, id int64, channel, handle string, by *resonanz.User) (int64, error) {
	var newID int64
	err := db.inTx(ctx, fmt.Sprintf("unlink %s from contact %d", handle, id), func(tx *sql.Tx) error {
		var identityID, left int64
		var name string
		err := tx.QueryRowContext(ctx, `SELECT id, coalesce(nullif(display_name, ''), handle) FROM identities WHERE contact_id = ? AND channel = ? AND handle = ?`,
			id, channel, handle).Scan(&identityID, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return resonanz.Errorf(resonanz.ENOTFOUND, "This person has no handle %q on %s.", handle, channel).Keyed("contact.handle.unknown")
		} else if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM identities WHERE contact_id = ?`, id).Scan(&left); err != nil {
			return err
		}
		if left < 2 {
			return resonanz.Errorf(resonanz.ECONFLICT, "This is the person's only handle; there is nothing to unlink it from.").Keyed("contact.handle.only")
		}
		now := millis(db.Now())
		if err := tx.QueryRowContext(ctx, `INSERT INTO contacts (name, created_at) VALUES (?, ?) RETURNING id`, name, now).Scan(&newID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE identities SET contact_id = ? WHERE id = ?`, newID, identityID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET contact_id = ? WHERE identity_id = ?`, newID, identityID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE surveys SET contact_id = ? WHERE conversation_id IN (SELECT id FROM conversations WHERE identity_id = ?)`,
			newID, identityID); err != nil {
			return err
		}
		// The wishes in force may have come from this handle: they go with
		// it, as they were stated, so that nothing reaches it against them.
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_wishes (contact_id, purpose, channel, state, source, wording, language, reason,
				conversation_id, user_id, created_at)
			SELECT ?, purpose, channel, state, source, wording, language, reason, conversation_id, user_id, created_at FROM contact_wishes
			WHERE id IN (SELECT max(id) FROM contact_wishes WHERE contact_id = ? GROUP BY purpose, channel) AND state <> 'unknown' ORDER BY id`,
			newID, id); err != nil {
			return err
		}
		for _, contact := range []int64{id, newID} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO contact_events (contact_id, user_id, action, channel, handle, created_at)
				VALUES (?, ?, 'unlink', ?, ?, ?)`, contact, by.ID, channel, handle, now); err != nil {
				return err
			}
		}
		return nil
	})
	return newID, err
}

func notFoundContact(err error, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return resonanz.Errorf(resonanz.ENOTFOUND, "Contact %d not found.", id).Keyed("contact.notfound")
	}
	return err
}
