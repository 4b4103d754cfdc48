package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// likeEscaper makes user text match itself in LIKE ... ESCAPE '\'.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// FindContacts lists people (not those linked into another), newest first,
// one page after f.Before, with their handles.
func (db *DB) FindContacts(ctx context.Context, f resonanz.ContactFilter) (*resonanz.ContactList, error) {
	where, args := []string{"ct.merged_into IS NULL"}, []any{}
	add := func(cond string, arg ...any) { where, args = append(where, cond), append(args, arg...) }
	if f.Before > 0 {
		add("ct.id < ?", f.Before)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + likeEscaper.Replace(q) + "%"
		add(`(ct.name LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM identities i WHERE i.contact_id = ct.id
			AND (i.handle LIKE ? ESCAPE '\' OR i.display_name LIKE ? ESCAPE '\')))`, like, like, like)
	}
	if f.Channel != "" {
		add("EXISTS (SELECT 1 FROM identities i WHERE i.contact_id = ct.id AND i.channel = ?)", f.Channel)
	}
	if f.VisibleTo != 0 {
		add("EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = ct.id AND "+visibleCondition+")", visibleArgs(f.VisibleTo)...)
	}
	contacts, err := collect(ctx, db.read, `SELECT ct.id, ct.name, ct.vip FROM contacts ct WHERE `+strings.Join(where, " AND ")+
		` ORDER BY ct.id DESC LIMIT ?`, append(args, f.Limit+1), func(row interface{ Scan(...any) error }) (*resonanz.Contact, error) {
		var c resonanz.Contact
		return &c, row.Scan(&c.ID, &c.Name, &c.VIP)
	})
	if err != nil {
		return nil, fmt.Errorf("store: find contacts: %w", err)
	}
	list := &resonanz.ContactList{Contacts: contacts}
	if len(contacts) > f.Limit {
		list.Contacts = contacts[:f.Limit]
		list.Next = list.Contacts[f.Limit-1].ID
	}
	if err := db.pageIdentities(ctx, list.Contacts); err != nil {
		return nil, fmt.Errorf("store: find contacts: %w", err)
	}
	return list, nil
}

// pageIdentities reads the handles of a page of contacts in one query.
func (db *DB) pageIdentities(ctx context.Context, contacts []*resonanz.Contact) error {
	if len(contacts) == 0 {
		return nil
	}
	byID := map[int64]*resonanz.Contact{}
	ids := make([]any, 0, len(contacts))
	for _, c := range contacts {
		byID[c.ID] = c
		ids = append(ids, c.ID)
	}
	return db.eachRow(ctx, `SELECT contact_id, channel, handle, display_name FROM identities
		WHERE contact_id IN (`+strings.Repeat("?, ", len(ids)-1)+`?) ORDER BY id`, func(rows *sql.Rows) error {
		var id int64
		var i resonanz.Identity
		if err := rows.Scan(&id, &i.Channel, &i.Handle, &i.DisplayName); err != nil {
			return err
		}
		byID[id].Identities = append(byID[id].Identities, i)
		return nil
	}, ids...)
}
