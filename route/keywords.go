package route

import (
	"strings"
	"unicode"

	"github.com/resonanz/resonanz/search"
)

// keyword is a rule's keyword compiled to the stems of its words: it matches
// a message that has each of its words in either of their stems, like a
// search query does, so "Lieferung" matches "Lieferungen".
type keyword struct {
	text  string   // as the rule has it, for reasons
	words [][2]int // per word, the indexes of its stems (German, English; -1 if the same)
}

// stemTable numbers the distinct stems of all keywords, so that a message's
// stems become a bit set.
type stemTable map[string]int

// compileKeyword returns the keyword's stems, numbering new ones in table; ok
// is false for a keyword without letters or digits.
func compileKeyword(text string, table stemTable) (kw keyword, ok bool) {
	kw.text = strings.TrimSpace(text)
	for _, word := range strings.FieldsFunc(kw.text, notWordRune) {
		stems := [2]int{-1, -1}
		for i, s := range strings.Fields(search.Terms(word)) {
			if i < len(stems) {
				stems[i] = table.index(s)
			}
		}
		kw.words = append(kw.words, stems)
	}
	return kw, len(kw.words) > 0
}

// notWordRune separates words as the search package does.
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

func (t stemTable) index(stem string) int {
	i, ok := t[stem]
	if !ok {
		i = len(t)
		t[stem] = i
	}
	return i
}

// messageStems is the set of keyword stems in a message, found on first use
// so that messages no keyword rule gets to are never stemmed.
type messageStems struct {
	table stemTable
	text  string
	ready bool
	bits  []uint64
}

// has reports whether the message has the stem numbered i.
func (m *messageStems) has(i int) bool {
	if i < 0 {
		return false
	}
	if !m.ready {
		m.fill()
	}
	return m.bits[i/64]&(1<<(i%64)) != 0
}

func (m *messageStems) fill() {
	m.ready = true
	terms := search.Terms(m.text)
	for len(terms) > 0 {
		term := terms
		if sp := strings.IndexByte(terms, ' '); sp >= 0 {
			term, terms = terms[:sp], terms[sp+1:]
		} else {
			terms = ""
		}
		if i, ok := m.table[term]; ok {
			m.bits[i/64] |= 1 << (i % 64)
		}
	}
}

// in reports whether the message has every word of kw.
func (kw *keyword) in(m *messageStems) bool {
	for _, w := range kw.words {
		if !m.has(w[0]) && !m.has(w[1]) {
			return false
		}
	}
	return true
}
