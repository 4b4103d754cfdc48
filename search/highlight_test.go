package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// marked renders spans with hits in brackets, for readable expectations.
func marked(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Hit {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func joined(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		name, text, query, want string
	}{
		{"empty text", "", "Rechnung", ""},
		{"no query words", "Meine Rechnung", "?!", "Meine Rechnung"},
		{"German stem", "Zwei Rechnungen und eine Rechnung.", "rechnung", "Zwei [Rechnungen] und eine [Rechnung]."},
		{"English stem", "Two deliveries, one delivery", "Deliveries", "Two [deliveries], one [delivery]"},
		{"umlauts", "Ich will kündigen! Kündigung sofort.", "Kündigung", "Ich will [kündigen]! [Kündigung] sofort."},
		{"several query words", "Lieferung und Rechnung fehlen", `"Rechnungen" Lieferungen`, "[Lieferung] und [Rechnung] fehlen"},
		{"hashtag keeps its sign plain", "Wieder mal #AppDesaster 🙄", "appdesaster", "Wieder mal #[AppDesaster] 🙄"},
		{"HTML is left to the template", `<script>alert("Rechnung")</script>`, "script rechnung", `<[script]>alert("[Rechnung]")</[script]>`},
		{"emoji and invalid UTF-8 survive", "😡Rechnung\xff😡", "rechnung", "😡[Rechnung]\xff😡"},
		{"no partial words", "Rechnungsadresse", "Rechnung", "Rechnungsadresse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := Highlight(tt.text, tt.query)
			if got := marked(spans); got != tt.want {
				t.Errorf("Highlight(%q, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
			}
			if got := joined(spans); got != tt.text {
				t.Errorf("Highlight(%q, %q) joins to %q", tt.text, tt.query, got)
			}
			for i, s := range spans {
				if s.Text == "" || i > 0 && !s.Hit && !spans[i-1].Hit {
					t.Errorf("Highlight(%q, %q) span %d = %+v: empty or not merged", tt.text, tt.query, i, s)
				}
			}
		})
	}
}

func FuzzHighlight(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "rechnung")
		f.Add("Die Rechnung: "+s, s)
	}
	f.Fuzz(func(t *testing.T, text, query string) {
		spans := Highlight(text, query)
		if got := joined(spans); got != text {
			t.Fatalf("Highlight(%q, %q) joins to %q", text, query, got)
		}
		for _, n := range []int{1, 5, 40} {
			snip := Snippet(spans, n)
			body := strings.TrimSuffix(strings.TrimPrefix(joined(snip), ellipsis), ellipsis)
			if utf8.RuneCountInString(body) > n || !strings.Contains(text, body) {
				t.Errorf("Snippet(Highlight(%q, %q), %d) = %q, not a piece of at most %d characters", text, query, n, joined(snip), n)
			}
		}
	})
}

func TestSnippet(t *testing.T) {
	const long = "Hallo Team, ich habe gestern bestellt und heute ist meine Rechnung falsch angekommen, bitte schnell korrigieren. Danke!"
	tests := []struct {
		name, text, query string
		max               int
		want              string
	}{
		{"short enough", "Meine Rechnung", "rechnung", 14, "Meine [Rechnung]"},
		{"hit in the middle", long, "rechnung", 40, "…ist meine [Rechnung] falsch angekommen,…"},
		{"hit at the start", long, "hallo", 30, "[Hallo] Team, ich habe gestern…"},
		{"hit at the end", long, "danke", 30, "…schnell korrigieren. [Danke]!"},
		{"no hit", long, "lieferung", 30, "Hallo Team, ich habe gestern…"},
		{"hit longer than the snippet", "Sehr geehrte Damen und Herren, Rindfleischetikettierungsüberwachung bitte", "Rindfleischetikettierungsüberwachung", 10, "…[Rindfleisc]…"},
		{"no spaces to cut at", "https://example.com/rechnung/12345/details?x=1", "rechnung", 20, "…com/[rechnung]/12345/d…"},
		{"cut at spaces around umlauts and emoji", "äöü 😡😡😡 Kündigung äöü 😡😡😡", "kündigung", 17, "…[Kündigung] äöü…"},
		{"emoji count as one character", "😡😡😡😡😡Rechnung😡😡😡😡😡", "rechnung", 12, "…😡[Rechnung]😡😡😡…"},
		{"zero", long, "rechnung", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := marked(Snippet(Highlight(tt.text, tt.query), tt.max))
			if got != tt.want {
				t.Errorf("Snippet(Highlight(%q, %q), %d) = %q, want %q", tt.text, tt.query, tt.max, got, tt.want)
			}
		})
	}
}
