package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/search"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

// berta is the person erased in these tests; everything that identifies
// her must be gone afterwards, while Anton, who wrote too, stays.
var berta = struct{ handle, name, ref, word string }{"@bquandtmeier", "Berta Quandtmeier", "berta@quandt.example", "Pflaumenzwirbel"}

// bertasData fills every kind of record about Berta and returns her contact.
// bertasFile is where her attachment's bytes were kept.
const bertasFile = "attachments/0123456789abcdef0123456789abcdef/0"

func bertasData(t *testing.T, db *store.DB) (contactID int64, in []resonanz.IncomingMessage) {
	t.Helper()
	ctx := context.Background()
	lead := mustUser(t, db, "lea", resonanz.RoleLead)
	first := msg("mastodon", "b1", berta.handle, "Mein "+berta.word+" kam kaputt an, bitte melden!", 0)
	first.Author.DisplayName, first.Author.CustomerRef = berta.name, berta.ref
	second := msg("email", "b2", berta.ref, "Hier nochmal per Mail: der "+berta.word+" ist zerbrochen.", 5)
	second.Author.DisplayName, second.Author.CustomerRef = berta.name, berta.ref
	second.Consent = "Ja, " + berta.name + " möchte Antworten per Mail."
	second.ReplyAddress = strings.ToLower(berta.word) + "@example.org"
	second.Attachments = []*resonanz.Attachment{{Name: berta.word + ".jpg", Type: "image/jpeg", Size: 3, Path: bertasFile}}
	anton := msg("mastodon", "a1", "@anton", "Alles gut bei mir, danke!", 1)
	in = []resonanz.IncomingMessage{first, second}
	res := mustIngest(t, db, first, anton, second)
	conv := res[0].ConversationID
	if _, err := db.Reply(ctx, conv, lead, "Liebe "+berta.name+", der "+berta.word+" kommt neu.", true); err != nil {
		t.Fatal(err)
	}
	steps := []error{
		db.AddNote(ctx, conv, lead, berta.name+" ruft wegen "+berta.word+" an"),
		db.RecordWish(ctx, conv, lead, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied, Reason: berta.name + " will keine Werbung"}),
		db.AddPromise(ctx, &resonanz.Promise{ConversationID: conv, Text: "Ersatz-" + berta.word + " an " + berta.name,
			DueAt: t0.Add(48 * time.Hour), OwnerID: lead.ID}, lead),
		db.GrantGoodwill(ctx, &resonanz.GoodwillGrant{ConversationID: conv, Kind: resonanz.GoodwillVoucher, Amount: 500,
			Reason: "Kulanz für " + berta.name}, lead),
	}
	if _, err := db.CorrectLabel(ctx, res[0].MessageID, lead, "kind", resonanz.KindComplaint); err != nil {
		steps = append(steps, err)
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	ids, err := db.ContactsWithHandle(ctx, "BQuandtmeier")
	if err != nil || len(ids) != 1 {
		t.Fatalf("Berta's contact: %v, %v", ids, err)
	}
	return ids[0], in
}

// openWithReader opens a database and a second, plain connection to its
// file that reads it as any SQLite tool would.
func openWithReader(t *testing.T) (*store.DB, *sql.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "resonanz.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	storetest.Queue(t, db)
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return db, raw
}

// count runs a query that counts.
func count(t *testing.T, raw *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// findEverywhere returns "table.column" for every cell of every table that
// holds needle, case ignored, text or bytes alike.
func findEverywhere(t *testing.T, raw *sql.DB, needle string) []string {
	t.Helper()
	var found []string
	for _, table := range column(t, raw, `SELECT name FROM sqlite_master WHERE type = 'table'`) {
		for _, col := range column(t, raw, `SELECT name FROM pragma_table_info(?)`, table) {
			q := fmt.Sprintf(`SELECT count(*) FROM "%s" WHERE instr(lower(CAST("%s" AS BLOB)), CAST(? AS BLOB)) > 0`, table, col)
			if count(t, raw, q, strings.ToLower(needle)) > 0 {
				found = append(found, table+"."+col)
			}
		}
	}
	return found
}

// column reads the first column of every row of a query.
func column(t *testing.T, raw *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := raw.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		list = append(list, s)
	}
	return list
}

func TestErasePerson(t *testing.T) {
	db, raw := openWithReader(t)
	{
		ctx := context.Background()
		admin := mustUser(t, db, "ada", resonanz.RoleAdmin)
		id, in := bertasData(t, db)
		needles := []string{berta.handle, strings.TrimPrefix(berta.handle, "@"), berta.name, "Quandtmeier", berta.ref, berta.word}
		for _, stem := range strings.Fields(search.Terms(berta.word)) {
			needles = append(needles, stem)
		}
		if found := findEverywhere(t, raw, berta.word); len(found) < 4 {
			t.Fatalf("the scan finds Berta's word only in %v before the erasure; it cannot be trusted", found)
		}

		erasure, err := db.ErasePerson(ctx, id, admin)
		if err != nil {
			t.Fatal(err)
		}
		if erasure.Rows["messages"] < 3 {
			t.Errorf("erased rows %v, want her two messages and the reply", erasure.Rows)
		}
		if !slices.Equal(erasure.Files, []string{bertasFile}) {
			t.Errorf("files to remove %q, want her attachment's", erasure.Files)
		}
		t.Run("NothingLeftInAnyTable", func(t *testing.T) {
			for _, needle := range needles {
				if found := findEverywhere(t, raw, needle); len(found) > 0 {
					t.Errorf("%q is still in %v", needle, found)
				}
			}
		})
		t.Run("NothingLeftInTheSearchIndex", func(t *testing.T) {
			for _, q := range []string{berta.word, "Quandtmeier", "zerbrochen"} {
				hits, err := db.SearchMessages(ctx, q, 50, 0)
				if err != nil || len(hits) > 0 {
					t.Errorf("search %q finds %d messages (%v)", q, len(hits), err)
				}
			}
			match, _ := search.Match(berta.word)
			if n := count(t, raw, `SELECT count(*) FROM message_terms WHERE message_terms MATCH ?`, match); n != 0 {
				t.Errorf("the index still matches %q in %d rows", berta.word, n)
			}
		})
		t.Run("OthersStay", func(t *testing.T) {
			if hits, err := db.SearchMessages(ctx, "danke", 50, 0); err != nil || len(hits) != 1 {
				t.Errorf("Anton's message: %d hits, %v", len(hits), err)
			}
		})
		t.Run("CountsForReportsStay", func(t *testing.T) {
			if n := count(t, raw, `SELECT count(*) FROM messages`); n != 4 {
				t.Errorf("messages after erasure: %d, want 4 emptied or kept rows", n)
			}
		})
		t.Run("AuditedWithoutContent", func(t *testing.T) {
			events, err := db.PrivacyEvents(ctx, id)
			if err != nil || len(events) != 1 || events[0].Kind != resonanz.PrivacyErase || events[0].UserName != admin.Name {
				t.Fatalf("privacy log: %+v %v", events, err)
			}
			if events[0].Params["messages"] != "3" {
				t.Errorf("logged counts %v", events[0].Params)
			}
		})
		t.Run("ReimportStaysErased", func(t *testing.T) {
			again := in[0]
			again.ExternalID = "b1-reimported" // a CSV import without the platform's id
			res := mustIngest(t, db, in[0], in[1], again)
			for i, r := range res {
				if !r.Duplicate || r.MessageID != 0 {
					t.Errorf("re-imported message %d: %+v", i, r)
				}
			}
			for _, needle := range needles {
				if found := findEverywhere(t, raw, needle); len(found) > 0 {
					t.Errorf("after the re-import %q is back in %v", needle, found)
				}
			}
		})
		t.Run("WritingAgainIsANewPerson", func(t *testing.T) {
			later := msg("mastodon", "b3", berta.handle, "Neue Frage", 60*24*365)
			db.Now = func() time.Time { return later.Time }
			res := mustIngest(t, db, later)
			if res[0].Duplicate {
				t.Fatal("a message written after the erasure was dropped")
			}
			ids, _ := db.ContactsWithHandle(ctx, berta.handle)
			if len(ids) != 1 || ids[0] == id {
				t.Errorf("contacts with her handle: %v, want one new one", ids)
			}
		})
	}
}
