package store

import (
	"context"
	"database/sql"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// agentDraft checks every text of a draft as an agent's text.
func agentDraft(d resonanz.BulkDraft) (resonanz.BulkDraft, error) {
	texts := map[string]string{}
	for _, v := range resonanz.BulkVariants {
		if d.Templates[v] == "" {
			continue
		}
		t, err := agentText("template", d.Templates[v])
		if err != nil {
			return d, err
		}
		texts[v] = t
	}
	d.Templates = texts
	return d, nil
}

// fillBulkReply decides how one customer of the room is answered, or why
// not, and fills their variant. A reply goes out publicly only where they
// wrote publicly, their channel answers so, and the statement is fit to be
// said in public; otherwise privately, and not at all on a channel without
// a private way.
func fillBulkReply(r *resonanz.BulkRecipient, d resonanz.BulkDraft, st resonanz.Statement) error {
	ch, _ := resonanz.LookupChannel(r.Channel)
	public := ch.ReplyVisibility(r.Visibility == resonanz.Public && st.Public)
	r.Visibility = resonanz.Private
	if public {
		r.Visibility = resonanz.Public
	}
	r.Quoted = d.IsQuoted(r.ContactID)
	if !r.Quoted {
		r.Quote = ""
	}
	template := d.Template(r.Variant)
	switch {
	case d.IsRemoved(r.ContactID):
		r.Skip = resonanz.SkipRemoved
	case template == "":
		r.Skip = resonanz.SkipNoVariant
	case public && !st.Public:
		r.Skip = resonanz.SkipNoPrivate
	}
	r.Text = resonanz.FillBulkTemplate(template, r.Name, r.Quote, st)
	if utf8.RuneCountInString(r.Text) > resonanz.MaxTextLen {
		return resonanz.FieldError("template", "The reply to %s would be too long (at most %d characters).", r.Name, resonanz.MaxTextLen).Keyed("bulk.long")
	}
	return nil
}

// recordBulkReply keeps the variants of a bulk reply and what each customer
// of the room got from it, or why nothing.
func recordBulkReply(ctx context.Context, tx *sql.Tx, id int64, d resonanz.BulkDraft, p *resonanz.BulkPreview) error {
	for _, v := range resonanz.BulkVariants {
		if t := d.Template(v); t != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO bulk_reply_variants (bulk_reply_id, variant, template) VALUES (?, ?, ?)`, id, v, t); err != nil {
				return err
			}
		}
	}
	for _, r := range append(append([]*resonanz.BulkRecipient(nil), p.Recipients...), p.Skipped...) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO bulk_reply_recipients (bulk_reply_id, contact_id, conversation_id, variant,
			visibility, quoted, skip) VALUES (?, ?, ?, ?, ?, ?, ?)`, id, r.ContactID, r.ConversationID, r.Variant, r.Visibility,
			r.Quoted, r.Skip); err != nil {
			return err
		}
	}
	return nil
}
