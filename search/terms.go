package search

import "strings"

// Terms returns the text to store in the FTS5 column for a message text: for
// each word its German stem and, when different, its English stem. The result
// holds only letters, digits and single spaces, so nothing in it is syntax.
func Terms(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	var buf [wordBuf]byte
	for start, end := range words(text) {
		p := stems(appendLower(buf[:0], text[start:end]))
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.de)
		if p.en != p.de {
			b.WriteByte(' ')
			b.WriteString(p.en)
		}
	}
	return b.String()
}
