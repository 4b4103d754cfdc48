package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", ""},
		{"German plural", "Rechnungen", "rechnung rechnungen"},
		{"German stems agree", "Lieferungen Lieferung", "liefer lieferungen liefer lieferung"},
		{"English plural", "deliveries", "deliveri"},
		{"English singular", "delivery", "delivery deliveri"},
		{"umlauts folded by German stemmer", "Kündigung Ärger", "kundig kündigung arg ärger"},
		{"sharp s", "Straße", "strass straße"},
		{"hashtag", "#AppDesaster!!", "appdesast"},
		{"handle and URL split into words", "@kundin_42 https://example.com/x?id=5", "kundin 42 https exampl com x id 5"},
		{"FTS5 syntax is dropped", `foo" OR * NEAR(a b) col:x ^y -z`, "foo or near a b col x y z"},
		{"HTML", "<script>alert(1)</script>", "script alert 1 script"},
		{"emoji only", "🙂😡👍🏽", ""},
		{"emoji glued to words", "super🙂app", "sup super app"},
		{"invalid UTF-8 separates", "ab\xffcd", "ab cd"},
		{"combining mark separates", "cafe\u0301", "caf cafe"},
		{"other scripts pass through", "Привет 東京 x²", "привет 東京 x²"},
		{"too long to stem", strings.Repeat("Lieferungen", 10), strings.Repeat("lieferungen", 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Terms(tt.text)
			if got != tt.want {
				t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.want)
			}
			if !isPlain(got) {
				t.Errorf("Terms(%q) = %q has characters other than letters, digits and spaces", tt.text, got)
			}
		})
	}
}

func FuzzTerms(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got := Terms(text); !isPlain(got) || strings.Contains(got, "  ") || strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") {
			t.Errorf("Terms(%q) = %q, want words separated by single spaces", text, got)
		}
	})
}

// fuzzSeeds are hostile and international inputs shared by the fuzz tests.
var fuzzSeeds = []string{
	"", " ", `"`, `""`, `"""`, "*", "foo\" OR *", "a NOT b", "NEAR(a b, 2)", "terms:x", "{terms}: x", "^x", "x*", "-x", "+x",
	"'; DROP TABLE messages; --", "<script>alert(1)</script>", "#AppDesaster @support https://x.y/z?a=1&b=2",
	"Kündigung für Straße 🙂 ÄÖÜ äöü ß", "\x00\xff\xfe", "a\u0301\u20dd", "ǅ İ ﬁ", "東京 Привет مرحبا",
	strings.Repeat("ab", 300), strings.Repeat("Lieferungen ", 60),
}

// isPlain reports whether s holds only letters, digits and spaces, none of
// which is FTS5 syntax inside a column or a quoted string.
func isPlain(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		return r != ' ' && !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// benchTexts are customer messages of about 200 characters.
var benchTexts = []string{
	"Hallo, meine Rechnung vom 12.03. ist doppelt abgebucht worden. Bitte erstatten Sie mir den Betrag zurück, ich habe schon zweimal angerufen und niemand meldet sich. Kundennummer 4711, danke!",
	"Where is my delivery?? Ordered three weeks ago, tracking says delivered but nothing arrived. This is the second time this happens. #AppDesaster @support please fix this asap https://example.com/o/99",
	"Ich möchte meinen Vertrag zum nächsten Monat kündigen. Die App stürzt ständig beim Login ab und der Kundenservice antwortet nicht. Bitte bestätigen Sie die Kündigung schriftlich per E-Mail.",
	"Thanks for the quick reply! The refund arrived today, but the invoice still shows the old address. Could you update it and send a corrected invoice to my new email? Best regards, Jana 😊",
	"Die Lieferung kam beschädigt an, der Karton war nass und zwei Gläser sind zerbrochen. Fotos habe ich angehängt. Wie läuft der Umtausch ab und wer übernimmt die Versandkosten für die Rücksendung?",
}

func BenchmarkTerms(b *testing.B) {
	benchmarkTerms(b, func() {})
}

// BenchmarkTermsUncached shows the worst case, every word new to the cache.
func BenchmarkTermsUncached(b *testing.B) {
	benchmarkTerms(b, func() {
		cache.mu.Lock()
		clear(cache.m)
		cache.mu.Unlock()
	})
}

func benchmarkTerms(b *testing.B, before func()) {
	size := 0
	for _, s := range benchTexts {
		size += len(s)
	}
	b.SetBytes(int64(size / len(benchTexts)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		before()
		Terms(benchTexts[n%len(benchTexts)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "texts/s")
}

func ExampleTerms() {
	fmt.Println(Terms("Zwei Rechnungen, keine Lieferung! #AppDesaster"))
	// Output: zwei rechnung rechnungen kein liefer lieferung appdesast
}
