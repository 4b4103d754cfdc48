package csvimport_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/csvimport"
)

// FuzzRead feeds files of any bytes through detection, decoding and reading
// (seeds in testdata/fuzz/FuzzRead): it never panics, every row it gives is
// a message resonanz accepts, keys never repeat within a file, and every
// bad line has a number within the file.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"text\nhallo\n",
		"Datum;Kunde;E-Mail;Nachricht\n04.05.2026 10:30;Kim;kim@example.org;Super\n",
		"id,text\n1,\"a\nb\"\n2,x\"y\n3,\"offen\n",
		"\xEF\xBB\xBFtext\nGr\xfc\xdfe\n",
		"text,name\n,\n\n,,,\n",
	} {
		f.Add([]byte(seed), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, noHeader bool) {
		enc, err := csvimport.DetectEncoding(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		decoded, err := io.ReadAll(csvimport.Decode(bytes.NewReader(data), enc))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(string(decoded), "\n") + 1
		opt := csvimport.Options{NoHeader: noHeader, Location: berlin, Now: importAt}
		if noHeader {
			opt.Columns.Text = "1"
		}
		keys := map[string]bool{}
		csvimport.Read(bytes.NewReader(decoded), opt, func(r csvimport.Row) {
			if err := r.Message.Validate(); err != nil {
				t.Errorf("line %d: %+v does not validate: %v", r.Line, r.Message, err)
			}
			if keys[r.Message.ExternalID] {
				t.Errorf("line %d: key %q twice", r.Line, r.Message.ExternalID)
			}
			keys[r.Message.ExternalID] = true
		}, func(e *csvimport.RowError) {
			if e.Line < 1 || e.Line > lines {
				t.Errorf("bad line %d of %d: %s", e.Line, lines, e.Reason)
			}
		})
	})
}
