// Package search turns message texts and user queries into SQLite FTS5 terms
// and expressions, stemmed for German and English, and marks query hits in
// texts for display.
//
// The FTS5 column must use tokenize='unicode61 remove_diacritics 0': every
// word this package emits is a run of letters and digits, which unicode61
// keeps as one token (save for a few letters it still classes as marks, which
// split alike in texts and queries). Keeping diacritics lets the index match
// exactly what Highlight marks; the German stemmer already folds umlauts and ß.
package search

import (
	"iter"
	"unicode"
	"unicode/utf8"
)

// A word is a maximal run of Unicode letters and numbers; everything else
// separates words. So "#AppDesaster" is the word "AppDesaster", and @handles
// and URLs are split into their parts ("@kunden_service" is "kunden" and
// "service"), which keeps them findable by any part without special syntax.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// words yields the byte offsets of each word in text. Invalid UTF-8
// separates words.
func words(text string) iter.Seq2[int, int] {
	return func(yield func(start, end int) bool) {
		start, inWord := 0, false
		for i := 0; i < len(text); {
			r, n := rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[i:])
			}
			if isWordRune(r) != inWord {
				if inWord && !yield(start, i) {
					return
				}
				start, inWord = i, !inWord
			}
			i += n
		}
		if inWord {
			yield(start, len(text))
		}
	}
}

// appendLower appends the lowercase form of word to buf; the ASCII loop
// spares the common case the Unicode tables.
func appendLower(buf []byte, word string) []byte {
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			for _, r := range word[i:] {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
			return buf
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}
