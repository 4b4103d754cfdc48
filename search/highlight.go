package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a piece of a message text; Hit marks a word that matches the query.
type Span struct {
	Text string // a piece of the original text, unescaped
	Hit  bool   // Text is one word that matches the query
}

// Highlight splits text into spans, marking each word that shares a stem with
// a word of query: the same test the index applies, so marks show why Match
// found the text. The spans concatenate to text unchanged; escaping is left to
// the template rendering them.
func Highlight(text, query string) []Span {
	var buf [wordBuf]byte
	want := make(map[string]bool)
	for start, end := range words(query) {
		p := stems(appendLower(buf[:0], query[start:end]))
		want[p.de], want[p.en] = true, true
	}
	if len(want) == 0 {
		return appendText(nil, text)
	}
	var spans []Span
	last := 0
	for start, end := range words(text) {
		if p := stems(appendLower(buf[:0], text[start:end])); want[p.de] || want[p.en] {
			spans = append(appendText(spans, text[last:start]), Span{Text: text[start:end], Hit: true})
			last = end
		}
	}
	return appendText(spans, text[last:])
}

// ellipsis marks where Snippet cut the text.
const ellipsis = "…"

// Snippet shortens spans to at most maxRunes characters of their text around
// the first hit (or from the start if there is none), preferring cuts at
// spaces, and marks each cut end with "…". It returns spans unchanged if they
// are short enough, and nil if maxRunes < 1.
func Snippet(spans []Span, maxRunes int) []Span {
	if maxRunes < 1 {
		return nil
	}
	var b strings.Builder
	hitStart, hitEnd := -1, 0
	for _, s := range spans {
		if s.Hit && s.Text != "" && hitStart < 0 {
			hitStart, hitEnd = b.Len(), b.Len()+len(s.Text)
		}
		b.WriteString(s.Text)
	}
	text := b.String()
	total := utf8.RuneCountInString(text)
	if total <= maxRunes {
		return spans
	}
	if hitStart < 0 {
		hitStart = 0
	}

	// Show about a third of the remaining room before the hit, as readers look
	// for why a result matched, and need a little lead-in to make sense of it.
	before := utf8.RuneCountInString(text[:hitStart])
	lead := max(0, (maxRunes-utf8.RuneCountInString(text[hitStart:hitEnd]))/3)
	first := min(max(0, before-lead), total-maxRunes)
	start := runeOffset(text, 0, first)
	end := runeOffset(text, start, maxRunes)

	if start > 0 && !endsWithSpace(text[:start]) {
		if i := strings.IndexFunc(text[start:hitStart], unicode.IsSpace); i >= 0 {
			start += i
		}
	}
	if end < len(text) && end > hitEnd && !startsWithSpace(text[end:]) {
		if i := strings.LastIndexFunc(text[hitEnd:end], unicode.IsSpace); i >= 0 {
			end = hitEnd + i
		}
	}
	start = end - len(strings.TrimLeftFunc(text[start:end], unicode.IsSpace))
	end = start + len(strings.TrimRightFunc(text[start:end], unicode.IsSpace))

	var out []Span
	if start > 0 {
		out = appendText(out, ellipsis)
	}
	pos := 0
	for _, s := range spans {
		from, to := max(pos, start), min(pos+len(s.Text), end)
		if from < to {
			if s.Hit {
				out = append(out, Span{Text: text[from:to], Hit: true})
			} else {
				out = appendText(out, text[from:to])
			}
		}
		pos += len(s.Text)
	}
	if end < len(text) {
		out = appendText(out, ellipsis)
	}
	return out
}

// appendText appends s as plain text, merged into a plain span before it so
// that callers get as few spans as possible.
func appendText(spans []Span, s string) []Span {
	if s == "" {
		return spans
	}
	if n := len(spans); n > 0 && !spans[n-1].Hit {
		spans[n-1].Text += s
		return spans
	}
	return append(spans, Span{Text: s})
}

// runeOffset returns the byte offset n runes after byte offset i in text.
func runeOffset(text string, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}
