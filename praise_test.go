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

func TestSimilarSuggestion(t *testing.T) {
	open := &resonanz.Suggestion{ID: 1, Status: resonanz.SuggestionNew, Messages: []*resonanz.Asked{{Terms: "abholstation bahnhof einricht"}}}
	done := &resonanz.Suggestion{ID: 2, Status: resonanz.SuggestionDone, Messages: []*resonanz.Asked{{Terms: "dunkl modus app"}}}
	entries := []*resonanz.Suggestion{open, done}
	if got := resonanz.SimilarSuggestion("abholstation bahnhof super", entries); got != 1 {
		t.Errorf("two shared terms: similar to %d, want 1", got)
	}
	if got := resonanz.SimilarSuggestion("abholstation fehlt", entries); got != 0 {
		t.Errorf("one shared term: similar to %d, want none", got)
	}
	if got := resonanz.SimilarSuggestion("dunkl modus bitte", entries); got != 0 {
		t.Errorf("similar to the done entry %d; only open entries count", got)
	}
}
