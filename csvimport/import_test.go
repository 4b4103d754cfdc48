package csvimport_test

import (
	"context"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/csvimport"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

func TestImportTwice(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	file := "Nachricht;E-Mail\nGr\xfc\xdfe an das Team!;kim@example.org\nGut!;\nGut!;\n;leer@example.org\nKaputt;\n"
	opt := csvimport.Options{Location: berlin, Now: importAt}
	run := func(dry bool) *csvimport.Report {
		t.Helper()
		im := &csvimport.Importer{Messages: db, DryRun: dry, Workers: 2}
		var last csvimport.Progress
		rep, err := im.Import(ctx, strings.NewReader(file), int64(len(file)), csvimport.Windows1252, opt, func(p csvimport.Progress) { last = p })
		if err != nil {
			t.Fatal(err)
		}
		if last.Rows != rep.Rows || last.Bytes != int64(len(file)) {
			t.Fatalf("last progress %+v, report %+v", last, rep)
		}
		return rep
	}
	t.Run("DryRunStoresNothing", func(t *testing.T) {
		if rep := run(true); rep.Rows != 4 || rep.Bad != 1 || rep.Added != 0 || rep.Errors[0].Line != 5 {
			t.Fatalf("%+v", rep)
		}
		if n := conversations(t, db); n != 0 {
			t.Fatalf("%d conversations after a dry run", n)
		}
	})
	t.Run("First", func(t *testing.T) {
		if rep := run(false); rep.Added != 4 || rep.Known != 0 || rep.Bad != 1 {
			t.Fatalf("%+v", rep)
		}
	})
	t.Run("AgainAddsNothing", func(t *testing.T) {
		if rep := run(false); rep.Added != 0 || rep.Known != 4 {
			t.Fatalf("%+v", rep)
		}
		if n := conversations(t, db); n != 4 {
			t.Fatalf("%d conversations, want 4", n)
		}
	})
}

func conversations(t *testing.T, db *store.DB) int {
	t.Helper()
	page, err := db.FindConversations(context.Background(), resonanz.ConversationFilter{Channel: "instore", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Conversations)
}
