package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// The opt-outs of before migration 0050 become wishes: the history stays,
// row by row, and the wishes in force say what the latest opt-out said.
func TestOptOutsMigrateToWishes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "resonanz.db")
	if err := store.MigrateUpTo(ctx, path, "0040_message_consents.sql"); err != nil {
		t.Fatal(err)
	}
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO users (id, login, name, role, password_hash, created_at) VALUES (1, 'tom', 'Tom', 'agent', 'x', 0)`,
		`INSERT INTO contacts (id, name, created_at) VALUES (1, 'Kim', 0), (2, 'Ben', 0), (3, 'Ada', 0)`,
		`INSERT INTO identities (id, contact_id, channel, handle, display_name) VALUES (1, 1, 'email', 'kim@example.org', 'Kim'),
			(2, 2, 'mastodon', '@ben', 'Ben'), (3, 3, 'form', 'ada@example.org', 'Ada')`,
		`INSERT INTO conversations (id, contact_id, identity_id, channel, status, preview, visibility, last_message_at, created_at)
			VALUES (1, 1, 1, 'email', 'open', 'x', 'private', 1, 1), (2, 2, 2, 'mastodon', 'open', 'x', 'public', 1, 1),
			(3, 3, 3, 'form', 'open', 'x', 'private', 1, 1)`,
		// Kim: no contact at all, then allowed again. Ben: not on Mastodon,
		// then not on email and the forum only. Ada: not on the form (by email).
		`INSERT INTO contact_consents (id, contact_id, opt_out, channels, reason, conversation_id, user_id, created_at) VALUES
			(1, 1, 1, '', 'Brief', 1, 1, 1000), (2, 2, 1, 'mastodon', 'per DM', 2, 1, 2000), (3, 1, 0, '', 'schrieb wieder', 1, 1, 3000),
			(4, 2, 1, 'email,forum', 'Telefon', 2, 1, 4000), (5, 3, 1, 'form', 'Formular', 3, 1, 5000)`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	old.Close()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	history := func(contact int64) string {
		t.Helper()
		cw, err := db.ContactWishes(ctx, contact)
		if err != nil {
			t.Fatal(err)
		}
		var list []string
		for i := len(cw.History) - 1; i >= 0; i-- {
			w := cw.History[i]
			if w.Source != resonanz.SourceMigrated || w.SetBy != "Tom" {
				t.Fatalf("migrated wish %+v", w)
			}
			list = append(list, w.Purpose+"/"+w.Channel+"="+w.State+" "+w.Reason)
		}
		return strings.Join(list, ", ")
	}
	for contact, want := range map[int64]string{
		1: "contact/=denied Brief, contact/=allowed schrieb wieder",
		2: "news/mastodon=denied per DM, service/mastodon=denied per DM, survey/mastodon=denied per DM, " +
			"news/mastodon=unknown Telefon, service/mastodon=unknown Telefon, survey/mastodon=unknown Telefon, " +
			"news/email=denied Telefon, news/forum=denied Telefon, service/email=denied Telefon, service/forum=denied Telefon, " +
			"survey/email=denied Telefon, survey/forum=denied Telefon",
		3: "news/email=denied Formular, service/email=denied Formular, survey/email=denied Formular",
	} {
		if got := history(contact); got != want {
			t.Errorf("contact %d:\n got %s\nwant %s", contact, got, want)
		}
	}
	// In force: Kim may be contacted; Ben not by email, but on Mastodon; Ada not on the form.
	for _, tc := range []struct {
		conversation int64
		allowed      bool
	}{{1, true}, {2, true}, {3, false}} {
		ds, err := db.ConsentDecisions(ctx, tc.conversation)
		if err != nil {
			t.Fatal(err)
		}
		if ds[0].Allowed != tc.allowed {
			t.Errorf("conversation %d: reply %+v", tc.conversation, ds[0])
		}
	}
}
