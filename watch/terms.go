package watch

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resonanz/resonanz/search"
)

// maxTerms bounds the terms taken from one message, so that an untrusted
// text of any length costs the same.
const maxTerms = 24

// term is a word of a message as clusters compare it: its stem, and the
// word as written, lowercased, to name a cluster readably.
type term struct{ stem, word string }

// contentTerms returns the distinct stemmed terms of a text's words in the
// order they first appear, at most maxTerms: no handles, links or hashtags
// (hashtags form clusters of their own), no numbers, no words under three
// letters and no stop words.
func contentTerms(text string) []term {
	var terms []term
	for _, field := range strings.Fields(text) {
		if strings.HasPrefix(field, "@") || strings.HasPrefix(field, "#") || strings.Contains(field, "://") {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(field), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if utf8.RuneCountInString(w) < 3 || len(w) > 50 || stopwords[w] || clusterStopwords[w] || strings.IndexFunc(w, unicode.IsLetter) < 0 {
				continue
			}
			s := stemOf(w)
			if !containsStem(terms, s) {
				terms = append(terms, term{s, w})
			}
			if len(terms) == maxTerms {
				return terms
			}
		}
	}
	return terms
}

// stemOf returns the shorter of a word's German and English stems, so that
// "Lieferungen" and "Lieferung" meet in "liefer" and "deliveries" and
// "delivery" in "deliveri".
func stemOf(w string) string {
	de, en, _ := strings.Cut(search.Terms(w), " ")
	if en != "" && len(en) <= len(de) {
		return en
	}
	return de
}

func containsStem(terms []term, s string) bool {
	for _, t := range terms {
		if t.stem == s {
			return true
		}
	}
	return false
}

// clusterStopwords are frequent words that stopwords leaves to topTerms
// (which skips words under four letters) but that say nothing about what a
// complaint is about.
var clusterStopwords = map[string]bool{
	"der": true, "die": true, "das": true, "den": true, "dem": true, "des": true, "ein": true, "ich": true, "ist": true,
	"mit": true, "von": true, "bei": true, "auf": true, "aus": true, "für": true, "sie": true, "wir": true, "ihr": true,
	"was": true, "wie": true, "man": true, "nur": true, "mal": true, "zum": true, "zur": true, "bin": true, "hat": true,
	"war": true, "uns": true, "the": true, "and": true, "for": true, "you": true, "not": true, "but": true, "are": true,
	"can": true, "why": true, "how": true, "now": true, "all": true, "any": true, "our": true, "its": true,
	"schon": true, "ganz": true, "heute": true, "gestern": true, "wieso": true, "warum": true, "weil": true,
}

// links returns the distinct links of a text as host and path, lowercased,
// without scheme, query or fragment, so that two people sharing one article
// share one link; overlong ones are left out.
func links(text string) []string {
	var out []string
	for _, w := range strings.Fields(text) {
		i := strings.Index(w, "://")
		if i < 0 {
			continue
		}
		rest := w[i+3:]
		if j := strings.IndexAny(rest, "?#"); j >= 0 {
			rest = rest[:j]
		}
		l := strings.ToLower(strings.TrimRight(rest, "/.,;:!)\"'»“”"))
		if strings.Contains(l, ".") && !strings.Contains(l, ",") && len(l) <= 200 && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}
