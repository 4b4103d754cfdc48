package email

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds the MIME reader arbitrary mails: it must never panic, and
// what it returns must be safe to store and show. Seeds: the mails in
// testdata and the corpus in testdata/fuzz/FuzzParse.
// Run: go test ./channel/email -run '^$' -fuzz FuzzParse -fuzztime 1m
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, s := range []string{m.Text, m.Subject, m.From.Name, m.From.Address, m.ReplyTo.Address, m.MessageID, m.InReplyTo} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
		}
		if strings.ContainsAny(m.Subject+m.From.Name, "\r\n") {
			t.Fatalf("a header value spans lines: %q %q", m.Subject, m.From.Name)
		}
		if len(m.MessageID) > maxIDLen || len(m.Attachments) > maxParts {
			t.Fatalf("limits exceeded: id %d bytes, %d attachments", len(m.MessageID), len(m.Attachments))
		}
		if strings.ContainsAny(m.ReplyTo.Address, " <>,;\"\\\r\n") {
			t.Fatalf("a reply address that would fold into a header: %q", m.ReplyTo.Address)
		}
		for _, a := range m.Attachments {
			if int64(len(a.Data)) > a.Size {
				t.Fatalf("attachment %q holds %d bytes, says %d", a.Name, len(a.Data), a.Size)
			}
			if a.Name == "" || strings.ContainsAny(a.Name, "/\\\x00") || strings.HasPrefix(a.Name, ".") {
				t.Fatalf("unsafe attachment name %q", a.Name)
			}
		}
	})
}
