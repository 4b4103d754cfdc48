package train

import (
	"testing"

	"github.com/resonanz/resonanz"
)

// The hand-written corpus parses, has no duplicate texts and keeps the mix
// of a company's monitoring: mostly neutral, a quarter or so negative.
func TestHandwrittenCorpus(t *testing.T) {
	hw, err := handwritten()
	if err != nil {
		t.Fatal(err)
	}
	if len(hw) < 2000 {
		t.Fatalf("%d hand-written messages, want at least 2000", len(hw))
	}
	seen := map[string]bool{}
	count := map[string]int{}
	for _, e := range hw {
		if seen[e.Text] {
			t.Errorf("duplicate text %q", e.Text)
		}
		seen[e.Text] = true
		count[e.Sentiment]++
	}
	share := func(s string) float64 { return float64(count[s]) / float64(len(hw)) }
	if n := share(resonanz.Neutral); n < 0.6 || n > 0.75 {
		t.Errorf("neutral share %.2f, want 0.60-0.75", n)
	}
	if n := share(resonanz.Negative); n < 0.18 || n > 0.3 {
		t.Errorf("negative share %.2f, want 0.18-0.30", n)
	}
}

func TestJoinLabel(t *testing.T) {
	for _, c := range []struct {
		parts []string
		want  string
		ok    bool
	}{
		{[]string{"neutral", "neutral"}, "neutral", true},
		{[]string{"neutral", "negative"}, "negative", true},
		{[]string{"positive", "neutral", "neutral"}, "positive", true},
		{[]string{"positive", "negative"}, "", false},
	} {
		if got, ok := joinLabel(c.parts); got != c.want || ok != c.ok {
			t.Errorf("joinLabel(%v) = %q, %v; want %q, %v", c.parts, got, ok, c.want, c.ok)
		}
	}
}

// The customer messages parse, hold no duplicate, and keep enough of both
// sides of the complaint line in both languages for the held-out quarter to
// mean something.
func TestCustomerMessages(t *testing.T) {
	msgs, err := customerMessages()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	count := map[string]int{}
	for _, e := range msgs {
		if seen[e.Text] {
			t.Errorf("duplicate text %q", e.Text)
		}
		seen[e.Text] = true
		count[e.Language+" "+complaintOrNot(e.Kind)]++
	}
	for _, lang := range []string{resonanz.LangGerman, resonanz.LangEnglish} {
		for _, k := range []string{resonanz.KindComplaint, notComplaint} {
			if n := count[lang+" "+k]; n < 40 {
				t.Errorf("%s %s: %d messages, want at least 40", lang, k, n)
			}
		}
	}
}
