package resonanz_test

import (
	"testing"

	"github.com/resonanz/resonanz"
)

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"Short", "Korb\n ist  leer", "Korb ist leer"},
		{"CutAtWord", "Seit dem Update ist mein Warenkorb leer", "Seit dem Update…"},
		{"PunctuationDropped", "Warenkorb leer, schon wieder", "Warenkorb leer…"},
		{"OneLongWord", "Warenkorbkatastrophenmeldung", "Warenkorbkatastr…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := resonanz.Quote(tc.text, 16); got != tc.want {
				t.Fatalf("Quote(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestBulkTemplate(t *testing.T) {
	st := resonanz.Statement{Text: "Behoben.", URL: "https://hilfe.example.org/a"}
	t.Run("FillOnce", func(t *testing.T) {
		got := resonanz.FillBulkTemplate("Hallo {name}: „{quote}“ {statement}", "Eve {statement}", "{name} <b>", st)
		if want := "Hallo Eve {statement}: „{name} <b>“ Behoben. https://hilfe.example.org/a"; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
	for _, tc := range []struct {
		name, template string
		st             resonanz.Statement
		ok             bool
	}{
		{"Known", "{name}\n{quote}\n{statement}", st, true},
		{"QuoteBesideName", "Hallo {name}, Sie schrieben {quote}", st, false},
		{"QuoteAlone", "„{quote}“", st, false},
		{"Typo", "Hallo {nmae}", st, false},
		{"StatementMissing", "{statement}", resonanz.Statement{}, false},
		{"BracesInProse", "Preis {10 €} bleibt", st, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := resonanz.CheckBulkTemplate(tc.template, tc.st); (err == nil) != tc.ok {
				t.Fatalf("CheckBulkTemplate(%q) = %v", tc.template, err)
			}
		})
	}
}

func TestStatementValidate(t *testing.T) {
	for _, tc := range []struct {
		name, text, url, field string
	}{
		{"OK", "Behoben.", "https://hilfe.example.org/a", ""},
		{"Cleared", "", "", ""},
		{"ScriptLink", "Behoben.", "javascript:alert(1)", "url"},
		{"RelativeLink", "Behoben.", "/hilfe", "url"},
		{"LinkWithoutText", " ", "https://hilfe.example.org/a", "statement"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := resonanz.Statement{Text: tc.text, URL: tc.url}
			if got := resonanz.ErrorField(st.Validate()); got != tc.field {
				t.Fatalf("field %q, want %q", got, tc.field)
			}
		})
	}
}

func TestBulkQuoteLeftOut(t *testing.T) {
	got := resonanz.FillBulkTemplate("Hallo {name},\nSie schrieben: „{quote}“\nDas tut uns leid.", "Eve", "", resonanz.Statement{})
	if want := "Hallo Eve,\nDas tut uns leid."; got != want {
		t.Fatalf("without a quote got %q, want %q", got, want)
	}
}

func TestBulkVariant(t *testing.T) {
	for _, tc := range []struct{ name, language, text, want string }{
		{"English", resonanz.LangEnglish, "Where is my parcel?", resonanz.VariantEnglish},
		{"Du", resonanz.LangGerman, "Warum geht eure App nicht? Habt ihr das kaputt gemacht?", resonanz.VariantDu},
		{"Sie", resonanz.LangGerman, "Können Sie mir bitte sagen, wann Ihr Shop wieder geht?", resonanz.VariantSie},
		{"Unclear", resonanz.LangGerman, "Warenkorb leer nach dem Update.", resonanz.VariantSie},
		{"SentenceStart", resonanz.LangGerman, "Sie ist kaputt. Die App, meine ich.", resonanz.VariantSie},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := resonanz.BulkVariant(tc.language, tc.text); got != tc.want {
				t.Fatalf("BulkVariant(%q) = %s, want %s", tc.text, got, tc.want)
			}
		})
	}
}
