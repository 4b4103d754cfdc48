package resonanz_test

import (
	"testing"

	"github.com/resonanz/resonanz"
)

func TestNamedIn(t *testing.T) {
	people := []*resonanz.User{{ID: 1, Name: "Annika Berg"}, {ID: 2, Name: "Bo Lind"}, {ID: 3, Name: "Mark Weber"}, {ID: 4, Name: "Jörg Ühl"}}
	for _, tc := range []struct {
		name, text string
		want       int64
	}{
		{"FirstName", "Danke an Annika!", 1},
		{"IgnoresCase", "danke ANNIKA", 1},
		{"FullName", "Herr Mark Weber war toll", 3},
		{"WholeWordsOnly", "Annikas Kollegin", 0},
		{"NotInsideAWord", "Bookmark it", 0},
		{"TooShortToBeAName", "Bo war super", 0},
		{"FirstNamedWins", "Mark und Annika", 3},
		{"Umlauts", "jörg hat geholfen", 4},
		{"Nobody", "Ihr seid klasse", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got int64
			if u := resonanz.NamedIn(tc.text, people); u != nil {
				got = u.ID
			}
			if got != tc.want {
				t.Errorf("NamedIn(%q) = %d, want %d", tc.text, got, tc.want)
			}
		})
	}
}

func TestSuggestionMatcher(t *testing.T) {
	board := resonanz.NewSuggestionMatcher()
	board.Add(&resonanz.Suggestion{ID: 1, Status: resonanz.SuggestionNew}, "abholstation bahnhof einricht")
	board.Add(&resonanz.Suggestion{ID: 2, Status: resonanz.SuggestionDone}, "dunkl modus app")
	board.Add(&resonanz.Suggestion{ID: 3, Status: resonanz.SuggestionPlanned}, "abholstation", "bahnhof hauptbahnhof")
	board.Add(&resonanz.Suggestion{ID: 4, Status: resonanz.SuggestionNew}, "rechnung papier", "rechnung post versand")
	if got := board.Similar("abholstation bahnhof super"); got != 1 {
		t.Errorf("two shared terms with entries 1 and 3: similar to %d, want 1, the one added first", got)
	}
	if got := board.Similar("abholstation hauptbahnhof bahnhof"); got != 3 {
		t.Errorf("three shared terms with entry 3 over its two messages: similar to %d, want 3", got)
	}
	if got := board.Similar("abholstation fehlt"); got != 0 {
		t.Errorf("one shared term: similar to %d, want none", got)
	}
	if got := board.Similar("rechnung rechnung fehlt"); got != 0 {
		t.Errorf("one term twice counts once: similar to %d, want none", got)
	}
	if got := board.Similar("dunkl modus bitte"); got != 0 {
		t.Errorf("similar to the done entry %d; only open entries count", got)
	}
}
