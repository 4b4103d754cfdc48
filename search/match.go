package search

import (
	"strings"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// MaxQueryLen is the longest query Match accepts, in characters.
const MaxQueryLen = 500

// Match turns a user's query into an FTS5 MATCH expression for a column
// filled by Terms. Every word must occur, in either of its two stems:
// `Rechnungen Lieferung` becomes `("rechnung" OR "rechnungen") AND "liefer"`.
//
// Only words count: quotes, operators like * ^ : ( ), and the punctuation of
// injection attempts separate words and are otherwise dropped, and words like
// OR, NOT or NEAR are searched for as words. Quoted phrases are therefore
// searched as their words in any order, and there is no prefix search. Every
// emitted word is double-quoted and consists of letters and digits only.
//
// Match returns an EINVALID error for field "q" if the query is longer than
// MaxQueryLen characters or has no words.
func Match(query string) (string, error) {
	if n := utf8.RuneCountInString(query); n > MaxQueryLen {
		return "", resonanz.FieldError("q", "q is too long (%d characters, at most %d)", n, MaxQueryLen).Keyed("search.long")
	}
	var b strings.Builder
	var buf [wordBuf]byte
	for start, end := range words(query) {
		p := stems(appendLower(buf[:0], query[start:end]))
		if b.Len() > 0 {
			b.WriteString(" AND ")
		}
		if p.en == p.de {
			writeQuoted(&b, p.de)
			continue
		}
		b.WriteByte('(')
		writeQuoted(&b, p.de)
		b.WriteString(" OR ")
		writeQuoted(&b, p.en)
		b.WriteByte(')')
	}
	if b.Len() == 0 {
		return "", resonanz.FieldError("q", "q has no words to search for").Keyed("search.empty")
	}
	return b.String(), nil
}

// writeQuoted writes an FTS5 string; stems never contain the quote character,
// so they need no escaping inside it.
func writeQuoted(b *strings.Builder, stem string) {
	b.WriteByte('"')
	b.WriteString(stem)
	b.WriteByte('"')
}
