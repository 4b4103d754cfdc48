package feed

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func parseFile(t *testing.T, name string) []Entry {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func TestParseRSS2(t *testing.T) {
	entries := parseFile(t, "rss2.xml")
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	e := entries[0]
	want := Entry{ID: "review-101", Title: "Lieferung nach drei Wochen immer noch nicht da", Link: "https://reviews.example/beispielshop/r/101",
		Text: "Ich habe am 12. April bestellt.\nDer Support antwortet nicht.", Author: "Kim M.", Language: "de-DE",
		Published: time.Date(2026, 5, 4, 8, 30, 0, 0, time.UTC)}
	if e.ID != want.ID || e.Title != want.Title || e.Link != want.Link || e.Text != want.Text || e.Author != want.Author ||
		e.Language != want.Language || !e.Published.Equal(want.Published) {
		t.Fatalf("got  %+v\nwant %+v", e, want)
	}
	if b := entries[1]; b.ID != b.Link || b.Author != "Ben Meyer" || b.Text != "Die Filiale in der Mitte ist toll & freundlich." {
		t.Fatalf("second entry %+v", b)
	}
}

func TestParseAtom(t *testing.T) {
	entries := parseFile(t, "atom.xml")
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	if e := entries[0]; e.ID != "tag:forum.example,2026:t-55" || e.Link != "https://forum.example/t/55" || e.Author != "Ana" ||
		e.Text != "Every time I pay the app crashes.\nAnyone else?" || e.Language != "en" || e.Published.IsZero() {
		t.Fatalf("%+v", e)
	}
	if e := entries[1]; e.Language != "de" || e.Link != "https://forum.example/t/56" || e.Text != "Wie löse ich den Gutschein ein?" || e.Published.IsZero() {
		t.Fatalf("%+v", e)
	}
}

func TestParseRSS1AndLatin1(t *testing.T) {
	if e := parseFile(t, "rss1.xml"); len(e) != 1 || e[0].ID != "https://old.example/thread/9" || e[0].Language != "de" || e[0].Published.IsZero() {
		t.Fatalf("%+v", e)
	}
	if e := parseFile(t, "latin1.xml"); len(e) != 1 || e[0].Title != "Grüße aus München" || e[0].Text != "Schöne Filiale € 5" {
		t.Fatalf("%+v", e)
	}
}

func TestParseRefuses(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"HTMLPage", "<!doctype html><html><body>Shop</body></html>", "not an RSS or Atom feed"},
		{"JSON", `{"items": []}`, "not an RSS or Atom feed"},
		{"Empty", "", "not an RSS or Atom feed"},
		{"Truncated", `<rss><channel><item><title>Hal`, "broken"},
		{"UnknownEncoding", `<?xml version="1.0" encoding="KOI8-R"?><rss></rss>`, "KOI8-R"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Parse([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := Parse([]byte("<html></html>")); !errors.Is(err, ErrNotAFeed) {
		t.Fatalf("err = %v, want ErrNotAFeed", err)
	}
}

// A feed of endless entries is read up to MaxEntries; links that are not
// web addresses are dropped.
func TestParseBounds(t *testing.T) {
	var b strings.Builder
	b.WriteString("<rss><channel>")
	for i := range MaxEntries + 50 {
		fmt.Fprintf(&b, "<item><guid>g%d</guid><title>t</title><link>javascript:alert(%d)</link></item>", i, i)
	}
	b.WriteString("</channel></rss>")
	entries, err := Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != MaxEntries || entries[0].Link != "" {
		t.Fatalf("%d entries, first %+v", len(entries), entries[0])
	}
}

// Text inside Atom's xhtml content is text already: a "<" in it is no tag.
func TestParseXHTMLText(t *testing.T) {
	entries, err := Parse([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id>
		<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Preis &lt; 5 € <b>und</b> gut</p></div></content></entry></feed>`))
	if err != nil || len(entries) != 1 || entries[0].Text != "Preis < 5 € und gut" {
		t.Fatalf("%+v %v", entries, err)
	}
}
