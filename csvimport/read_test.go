package csvimport_test

import (
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/csvimport"
)

var (
	berlin, _ = time.LoadLocation("Europe/Berlin")
	importAt  = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
)

// read reads in and returns the rows and the bad lines.
func read(t *testing.T, in string, opt csvimport.Options) ([]csvimport.Row, []*csvimport.RowError, error) {
	t.Helper()
	opt.Location, opt.Now = berlin, importAt
	var rows []csvimport.Row
	var bad []*csvimport.RowError
	err := csvimport.Read(strings.NewReader(in), opt, func(r csvimport.Row) { rows = append(rows, r) },
		func(e *csvimport.RowError) { bad = append(bad, e) })
	return rows, bad, err
}

func TestReadByHeader(t *testing.T) {
	in := "Datum;Kunde;E-Mail;Nachricht\n" +
		"04.05.2026 10:30;Kim Meyer;Kim@Example.org;Die Beratung war super.\n" +
		";;;\"Zettel ohne Namen,\nüber zwei Zeilen\"\n" +
		"05.05.2026;Ben;;Zu wenig Kassen offen\n"
	rows, bad, err := read(t, in, csvimport.Options{})
	if err != nil || len(bad) != 0 {
		t.Fatalf("err %v, bad %v", err, bad)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	kim := rows[0].Message
	if kim.Channel != "instore" || kim.Text != "Die Beratung war super." || kim.Author.Handle != "kim@example.org" ||
		kim.Author.CustomerRef != "kim@example.org" || kim.Author.DisplayName != "Kim Meyer" || kim.Visibility != resonanz.Private ||
		!kim.Time.Equal(time.Date(2026, 5, 4, 8, 30, 0, 0, time.UTC)) || rows[0].Line != 2 {
		t.Fatalf("%+v", rows[0])
	}
	note := rows[1]
	if note.Line != 3 || note.Message.Text != "Zettel ohne Namen,\nüber zwei Zeilen" || !note.Message.Time.Equal(importAt) ||
		!strings.HasPrefix(note.Message.Author.Handle, "anonymous:csv:") {
		t.Fatalf("%+v", note)
	}
	if rows[2].Line != 5 {
		t.Fatalf("the row after a two-line field is on line %d, want 5", rows[2].Line)
	}
}

func TestReadByFlags(t *testing.T) {
	t.Run("Names", func(t *testing.T) {
		rows, _, err := read(t, "Nr,Was,Wer\n17,Laden war zu warm,Ana\n", csvimport.Options{Columns: csvimport.Columns{ID: "nr", Text: "Was", Name: "Wer"}})
		if err != nil || len(rows) != 1 || rows[0].Message.ExternalID != "csv:17" || rows[0].Message.Author.DisplayName != "Ana" {
			t.Fatalf("%v %+v", err, rows)
		}
	})
	t.Run("NumbersWithoutHeader", func(t *testing.T) {
		rows, _, err := read(t, "x1\tKaffee war kalt\n", csvimport.Options{NoHeader: true, Columns: csvimport.Columns{ID: "1", Text: "2"}})
		if err != nil || len(rows) != 1 || rows[0].Line != 1 || rows[0].Message.Text != "Kaffee war kalt" {
			t.Fatalf("%v %+v", err, rows)
		}
	})
	for _, tc := range []struct {
		name, in string
		opt      csvimport.Options
		want     string
	}{
		{"ErrNoTextColumn", "a,b\n1,2\n", csvimport.Options{}, "no text column"},
		{"ErrUnknownColumn", "text\nx\n", csvimport.Options{Columns: csvimport.Columns{Time: "wann"}}, "no such column"},
		{"ErrColumnBeyondLine", "text\nx\n", csvimport.Options{Columns: csvimport.Columns{Name: "4"}}, "has 1 columns"},
		{"ErrNameWithoutHeader", "x\n", csvimport.Options{NoHeader: true, Columns: csvimport.Columns{Text: "text"}}, "number"},
		{"ErrEmpty", "", csvimport.Options{}, "empty"},
		{"ErrChannel", "text\nx\n", csvimport.Options{Channel: "fax"}, "unknown channel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := read(t, tc.in, tc.opt); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// Bad lines are reported with their line number and skipped; every good
// line still comes through.
func TestReadBadLines(t *testing.T) {
	in := "id,text,time\n" +
		"1,gut,2026-05-01\n" +
		"2,zu viele,Felder,hier\n" + // line 3: ragged
		"3,\n" + // line 4: ragged (too few)
		"4,,2026-05-01\n" + // line 5: no text
		"5,x,gestern\n" + // line 6: no time
		"6,x,2099-01-01\n" + // line 7: in the future
		",ohne id,2026-05-01\n" + // line 8: empty id
		"9,ein \"bare\" quote,2026-05-01\n" + // line 9: bare quote
		"\n" + // an empty line is no row
		"10,auch gut,2026-05-02 08:00\n" +
		"1,noch einmal die 1,2026-05-03\n" // line 12: an id already used
	rows, bad, err := read(t, in, csvimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Message.ExternalID != "csv:1" || rows[1].Message.ExternalID != "csv:10" || rows[1].Line != 11 {
		t.Fatalf("rows %+v", rows)
	}
	want := map[int]string{3: "4 fields, the first line has 3", 4: "2 fields", 5: "text is required", 6: "not a time", 7: "ahead", 8: "id column is empty", 9: "bare", 12: "earlier line"}
	if len(bad) != len(want) {
		t.Fatalf("bad lines %v", bad)
	}
	for _, e := range bad {
		if !strings.Contains(e.Reason, want[e.Line]) {
			t.Errorf("line %d: %q, want %q", e.Line, e.Reason, want[e.Line])
		}
	}
}

// Without an id, a row is known by its content; identical notes stay two,
// and reading the file again gives the same keys.
func TestReadKeys(t *testing.T) {
	in := "text\nGut!\nSchlecht.\nGut!\n"
	first, _, _ := read(t, in, csvimport.Options{})
	again, _, _ := read(t, in, csvimport.Options{})
	if len(first) != 3 || first[0].Message.ExternalID == first[2].Message.ExternalID {
		t.Fatalf("two identical notes share a key: %+v", first)
	}
	for i := range first {
		if first[i].Message.ExternalID != again[i].Message.ExternalID {
			t.Fatalf("row %d has another key the second time", i)
		}
	}
	other, _, _ := read(t, in, csvimport.Options{Channel: "form"})
	if other[0].Message.ExternalID == first[0].Message.ExternalID {
		t.Fatal("the same note has the same key on another channel")
	}
}
