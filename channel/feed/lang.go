package feed

import "strings"

// guessLanguage tells German from English by their commonest words; ""
// when it cannot tell.
func guessLanguage(text string) string {
	de, en := 0, 0
	for _, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.Trim(w, ".,;:!?\"'()")
		if germanWords[w] {
			de++
		}
		if englishWords[w] {
			en++
		}
	}
	switch {
	case de > en:
		return "de"
	case en > de:
		return "en"
	}
	return ""
}

var germanWords = wordSet("der die das und ist nicht ich mit sehr ein eine auf für war zu es sie wir den dem bei auch aber nach noch mein meine")
var englishWords = wordSet("the and is not i with very a an to it was for of you we my on at but this that have had after")

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}
