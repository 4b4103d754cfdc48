package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// The rows that concern one person, as SQL over ?1, a contact id: the
// contact and those merged into it, their handles, their conversations and
// every message in them or written from one of the handles.
const (
	personContacts      = `(SELECT id FROM contacts WHERE id = ?1 OR merged_into = ?1)`
	personIdentities    = `(SELECT id FROM identities WHERE contact_id IN ` + personContacts + `)`
	personConversations = `(SELECT id FROM conversations WHERE contact_id IN ` + personContacts + `)`
	personMessages      = `(SELECT id FROM messages WHERE conversation_id IN ` + personConversations +
		` OR identity_id IN ` + personIdentities + `)`
	personHandles = `(SELECT channel || ' ' || handle FROM identities WHERE contact_id IN ` + personContacts + `)`
)

// personTable is one table that holds a person's data: which rows are
// theirs, and what an erasure does to them. A table added later that holds
// personal data belongs here; the erasure test scans every table.
type personTable struct {
	name  string
	where string
	erase string // run with ?1 the contact id and ?2 the time; "" keeps the rows
}

// personTables lists the tables in the order an erasure must touch them:
// rows that point at others first, the handles and the contact last, so
// that the scopes above still find everything.
var personTables = []personTable{
	{"contact_events", `contact_id IN ` + personContacts + ` OR channel || ' ' || handle IN ` + personHandles,
		`DELETE FROM contact_events WHERE contact_id IN ` + personContacts + ` OR channel || ' ' || handle IN ` + personHandles},
	{"contact_wishes", `contact_id IN ` + personContacts, `DELETE FROM contact_wishes WHERE contact_id IN ` + personContacts},
	// The scores stay for the leads' figures; the customer's words go.
	{"surveys", `contact_id IN ` + personContacts, `UPDATE surveys SET comment = '' WHERE contact_id IN ` + personContacts},
	{"message_consents", `message_id IN ` + personMessages, `DELETE FROM message_consents WHERE message_id IN ` + personMessages},
	{"label_corrections", `message_id IN ` + personMessages, `DELETE FROM label_corrections WHERE message_id IN ` + personMessages},
	{"alert_messages", `message_id IN ` + personMessages, ""},
	{"outbox", `conversation_id IN ` + personConversations, `DELETE FROM outbox WHERE conversation_id IN ` + personConversations},
	{"notes", `conversation_id IN ` + personConversations, `DELETE FROM notes WHERE conversation_id IN ` + personConversations},
	{"notifications", `conversation_id IN ` + personConversations, `DELETE FROM notifications WHERE conversation_id IN ` + personConversations},
	{"audit_events", `conversation_id IN ` + personConversations,
		`UPDATE audit_events SET detail = '', params = '' WHERE conversation_id IN ` + personConversations},
	{"route_events", `conversation_id IN ` + personConversations, ""},
	{"promise_handovers", `promise_id IN (SELECT id FROM promises WHERE conversation_id IN ` + personConversations + `)`,
		`UPDATE promise_handovers SET note = '' WHERE promise_id IN (SELECT id FROM promises WHERE conversation_id IN ` + personConversations + `)`},
	{"promises", `conversation_id IN ` + personConversations,
		`UPDATE promises SET text = '', reason = '' WHERE conversation_id IN ` + personConversations},
	{"goodwill_grants", `contact_id IN ` + personContacts + ` OR conversation_id IN ` + personConversations,
		`UPDATE goodwill_grants SET reason = '', decision_note = '' WHERE contact_id IN ` + personContacts + ` OR conversation_id IN ` + personConversations},
	{"praise", `message_id IN ` + personMessages, `DELETE FROM praise WHERE message_id IN ` + personMessages},
	{"suggestion_messages", `message_id IN ` + personMessages, `DELETE FROM suggestion_messages WHERE message_id IN ` + personMessages},
	{"attachments", `message_id IN ` + personMessages, `DELETE FROM attachments WHERE message_id IN ` + personMessages},
	{"message_reply_addresses", `message_id IN ` + personMessages, `DELETE FROM message_reply_addresses WHERE message_id IN ` + personMessages},
	{"message_terms", "", `DELETE FROM message_terms WHERE rowid IN ` + personMessages},
	{"messages", `id IN ` + personMessages,
		`UPDATE messages SET text = '', external_id = NULL, kind_scores = '',
			author_name = CASE direction WHEN 'in' THEN '' ELSE author_name END WHERE id IN ` + personMessages},
	{"conversations", `contact_id IN ` + personContacts,
		`UPDATE conversations SET preview = '', tags = '', route = '', sla_due = NULL,
			status = CASE WHEN status IN ('open', 'waiting') THEN 'closed' ELSE status END WHERE id IN ` + personConversations},
	{"privacy_events", `contact_id IN ` + personContacts, ""},
	{"identities", `contact_id IN ` + personContacts,
		`UPDATE identities SET handle = 'erased-' || id, display_name = '' WHERE contact_id IN ` + personContacts},
	{"contacts", `id IN ` + personContacts,
		`UPDATE contacts SET name = '', customer_ref = NULL, vip = 0, erased_at = ?2 WHERE id IN ` + personContacts},
}

// ExportPerson gathers every row resonanz holds on a contact and records
// who exported it.
func (db *DB) ExportPerson(ctx context.Context, contactID int64, by *resonanz.User) (*resonanz.PersonRecord, error) {
	rec := &resonanz.PersonRecord{ContactID: contactID, ExportedAt: db.Now().UTC()}
	err := db.inTx(ctx, "export person", func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT name FROM contacts WHERE id = ? AND merged_into IS NULL`, contactID).Scan(&rec.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return resonanz.Errorf(resonanz.ENOTFOUND, "Contact %d not found.", contactID).Keyed("contact.notfound")
		} else if err != nil {
			return err
		}
		for _, t := range personTables {
			if t.where == "" {
				continue
			}
			table, err := exportRows(ctx, tx, t.name, t.where, contactID)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			rec.Tables = append(rec.Tables, *table)
		}
		return privacyEvent(ctx, tx, contactID, by, resonanz.PrivacyExport, nil, millis(rec.ExportedAt))
	})
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// exportRows reads a table's rows about the person, columns as stored;
// moments (columns named *_at) become times.
func exportRows(ctx context.Context, tx *sql.Tx, name, where string, contactID int64) (*resonanz.PersonTable, error) {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM `+name+` WHERE `+where+` ORDER BY 1`, contactID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := &resonanz.PersonTable{Name: name}
	if t.Columns, err = rows.Columns(); err != nil {
		return nil, err
	}
	for rows.Next() {
		row := make([]any, len(t.Columns))
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, col := range t.Columns {
			switch v := row[i].(type) {
			case int64:
				if strings.HasSuffix(col, "_at") {
					row[i] = fromMillis(v)
				}
			case []byte:
				row[i] = string(v)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, rows.Err()
}

// privacyEvent records an export or erasure; params never hold personal data.
func privacyEvent(ctx context.Context, tx *sql.Tx, contactID int64, by *resonanz.User, kind string, params resonanz.Params, at int64) error {
	var user any
	if by != nil {
		user = by.ID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO privacy_events (contact_id, user_id, kind, params, created_at) VALUES (?, ?, ?, ?, ?)`,
		contactID, user, kind, paramsText(params), at)
	return err
}

// PrivacyEvents lists the exports and erasures of a contact, newest first.
func (db *DB) PrivacyEvents(ctx context.Context, contactID int64) ([]*resonanz.PrivacyEvent, error) {
	return collect(ctx, db.read, `SELECT e.contact_id, e.kind, coalesce(u.name, ''), e.params, e.created_at FROM privacy_events e
		LEFT JOIN users u ON u.id = e.user_id WHERE e.contact_id = ? ORDER BY e.id DESC`, []any{contactID},
		func(row interface{ Scan(...any) error }) (*resonanz.PrivacyEvent, error) {
			var e resonanz.PrivacyEvent
			return &e, row.Scan(&e.ContactID, &e.Kind, &e.UserName, (*paramsColumn)(&e.Params), (*timeColumn)(&e.CreatedAt))
		})
}

// ContactsWithHandle finds the people who use a handle on any channel,
// ignoring case and a leading @.
func (db *DB) ContactsWithHandle(ctx context.Context, handle string) ([]int64, error) {
	h := normalHandle(handle)
	return collect(ctx, db.read, `SELECT DISTINCT coalesce(c.merged_into, c.id) FROM identities i JOIN contacts c ON c.id = i.contact_id
		WHERE lower(i.handle) IN (?, ?) ORDER BY 1`, []any{h, "@" + h}, func(row interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	})
}
