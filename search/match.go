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
// emitted word is quoted and consists of letters and digits only.
//
// Match returns an EINVALID error for field "q" if the query is longer than
// MaxQueryLen characters or has no words.
func Match(query string) (string, error) { return fts5.expr(query) }

// TSQuery is Match for PostgreSQL: the same words and stems, written as a
// tsquery literal (read by a cast, so no parser splits the words) over a
// tsvector of Terms' words: `('rechnung' | 'rechnungen') & 'liefer'`.
func TSQuery(query string) (string, error) { return tsquery.expr(query) }

// syntax is how a query language writes "and", "or" and a quoted word.
type syntax struct {
	and, or string
	quote   byte
}

var (
	fts5    = syntax{and: " AND ", or: " OR ", quote: '"'}
	tsquery = syntax{and: " & ", or: " | ", quote: '\''}
)

func (s syntax) expr(query string) (string, error) {
	if n := utf8.RuneCountInString(query); n > MaxQueryLen {
		return "", resonanz.FieldError("q", "q is too long (%d characters, at most %d)", n, MaxQueryLen).Keyed("search.long")
	}
	var b strings.Builder
	var buf [wordBuf]byte
	for start, end := range words(query) {
		p := stems(appendLower(buf[:0], query[start:end]))
		if b.Len() > 0 {
			b.WriteString(s.and)
		}
		if p.en == p.de {
			s.writeQuoted(&b, p.de)
			continue
		}
		b.WriteByte('(')
		s.writeQuoted(&b, p.de)
		b.WriteString(s.or)
		s.writeQuoted(&b, p.en)
		b.WriteByte(')')
	}
	if b.Len() == 0 {
		return "", resonanz.FieldError("q", "q has no words to search for").Keyed("search.empty")
	}
	return b.String(), nil
}

// writeQuoted writes a quoted word; stems are letters and digits only, so
// they need no escaping inside either quote.
func (s syntax) writeQuoted(b *strings.Builder, stem string) {
	b.WriteByte(s.quote)
	b.WriteString(stem)
	b.WriteByte(s.quote)
}
