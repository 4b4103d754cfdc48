package feed

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// FuzzParse feeds any bytes to the feed parser (seeds in
// testdata/fuzz/FuzzParse: RSS 2.0, RSS 1.0, Atom, Latin-1, broken ones):
// it never panics, keeps its bounds, and every entry becomes a message
// resonanz accepts, with a link only to a web address.
func FuzzParse(f *testing.F) {
	c, err := New(&resonanz.ChannelAccount{Kind: "feed", Settings: map[string]string{"url": "https://reviews.example/feed.xml"}}, http.DefaultClient)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := Parse(data)
		if err != nil {
			return
		}
		if len(entries) > MaxEntries {
			t.Fatalf("%d entries", len(entries))
		}
		for _, e := range entries {
			if e.ID == "" {
				t.Fatalf("an entry without an id: %+v", e)
			}
			if e.Link != "" && !strings.HasPrefix(e.Link, "http") {
				t.Fatalf("link %q", e.Link)
			}
			m := c.message(&e)
			m.ClampTime(time.Now())
			if err := m.Validate(); err != nil {
				t.Fatalf("%+v does not validate: %v", m, err)
			}
		}
	})
}
