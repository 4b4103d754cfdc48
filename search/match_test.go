package search

import (
	"regexp"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		name, query, want string
	}{
		{"one word, one stem", "Lieferungen", `("liefer" OR "lieferungen")`},
		{"one word, same stems", "deliveries", `"deliveri"`},
		{"words are ANDed", "Rechnung delivery", `"rechnung" AND ("delivery" OR "deliveri")`},
		{"phrase becomes ANDed words", `"Vertrag kündigen"`, `"vertrag" AND ("kundig" OR "kündigen")`},
		{"unbalanced quote", `"Vertrag`, `"vertrag"`},
		{"injection", `foo" OR *`, `"foo" AND "or"`},
		{"operators are words", "a NOT b NEAR c", `"a" AND "not" AND "b" AND "near" AND "c"`},
		{"column filter", "terms:rechnung", `"term" AND "rechnung"`},
		{"prefix and initial token", "^rechn*", `"rechn"`},
		{"SQL", "'; DROP TABLE x; --", `"drop" AND "tabl" AND "x"`},
		{"hashtag", "#AppDesaster", `"appdesast"`},
		{"maximum length", strings.Repeat("ab ", 166) + "ab", strings.Repeat(`"ab" AND `, 166) + `"ab"`},
		{"length counts characters, not bytes", strings.Repeat("ä", MaxQueryLen), `"` + strings.Repeat("ä", MaxQueryLen) + `"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Match(tt.query)
			if err != nil {
				t.Fatalf("Match(%q) error: %v", tt.query, err)
			}
			if got != tt.want {
				t.Errorf("Match(%q) = %s, want %s", tt.query, got, tt.want)
			}
		})
	}
}

func TestTSQuery(t *testing.T) {
	for query, want := range map[string]string{
		"Rechnung delivery":   `'rechnung' & ('delivery' | 'deliveri')`,
		`foo' | !bar & *`:     `'foo' & 'bar'`,
		"'; DROP TABLE x; --": `'drop' & 'tabl' & 'x'`,
	} {
		if got, err := TSQuery(query); err != nil || got != want {
			t.Errorf("TSQuery(%q) = %s, %v; want %s", query, got, err, want)
		}
	}
	if _, err := TSQuery("?!"); resonanz.ErrorCode(err) != resonanz.EINVALID {
		t.Errorf("TSQuery without words: %v, want EINVALID", err)
	}
}

func TestMatchInvalid(t *testing.T) {
	tests := []struct {
		name, query, message string
	}{
		{"empty", "", "q has no words to search for"},
		{"spaces", " \t\n ", "q has no words to search for"},
		{"punctuation", `?!"* () "" ^:-+ {}`, "q has no words to search for"},
		{"emoji", "🙂😡", "q has no words to search for"},
		{"invalid UTF-8", "\xff\xfe", "q has no words to search for"},
		{"too long", strings.Repeat("a", MaxQueryLen+1), "q is too long (501 characters, at most 500)"},
		{"too long in characters", strings.Repeat("ä", MaxQueryLen+1), "q is too long (501 characters, at most 500)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Match(tt.query)
			if got != "" || resonanz.ErrorCode(err) != resonanz.EINVALID || resonanz.ErrorField(err) != "q" || resonanz.ErrorMessage(err) != tt.message {
				t.Errorf("Match(%q) = %q, %v; want EINVALID error for q: %s", tt.query, got, err, tt.message)
			}
		})
	}
}

// safeMatch is the only shape Match may produce: quoted letters and digits,
// ORed in pairs, ANDed.
var safeMatch = regexp.MustCompile(`^(?:"[\pL\pN]+"|\("[\pL\pN]+" OR "[\pL\pN]+"\))(?: AND (?:"[\pL\pN]+"|\("[\pL\pN]+" OR "[\pL\pN]+"\)))*$`)

// safeTSQuery is the same shape in PostgreSQL's tsquery syntax.
var safeTSQuery = regexp.MustCompile(`^(?:'[\pL\pN]+'|\('[\pL\pN]+' \| '[\pL\pN]+'\))(?: & (?:'[\pL\pN]+'|\('[\pL\pN]+' \| '[\pL\pN]+'\)))*$`)

func FuzzMatch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, query string) {
		got, err := Match(query)
		if err != nil {
			if resonanz.ErrorCode(err) != resonanz.EINVALID || got != "" {
				t.Errorf("Match(%q) = %q, %v; want only EINVALID errors", query, got, err)
			}
			return
		}
		if !safeMatch.MatchString(got) {
			t.Errorf("Match(%q) = %s, not plain quoted words", query, got)
		}
		ts, err := TSQuery(query)
		if err != nil || !safeTSQuery.MatchString(ts) {
			t.Errorf("TSQuery(%q) = %s, %v; not plain quoted words", query, ts, err)
		}
	})
}
