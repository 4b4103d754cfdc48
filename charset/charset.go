// Package charset reads the single-byte encodings that customer data still
// arrives in besides UTF-8: Windows-1252 (Excel on German Windows) and
// ISO-8859-1 (old feeds and mails), both read as Windows-1252, as browsers do.
package charset

import (
	"bufio"
	"io"
	"unicode/utf8"
)

// Windows1252 returns r, read as Windows-1252, as UTF-8.
func Windows1252(r io.Reader) io.Reader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	return &cp1252Reader{r: br}
}

// cp1252Reader converts Windows-1252 to UTF-8.
type cp1252Reader struct {
	r       *bufio.Reader
	pending []byte
}

func (c *cp1252Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(c.pending) > 0 {
			k := copy(p[n:], c.pending)
			c.pending, n = c.pending[k:], n+k
			continue
		}
		b, err := c.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if b < 0x80 {
			p[n] = b
			n++
			continue
		}
		c.pending = utf8.AppendRune(c.pending[:0], cp1252(b))
	}
	return n, nil
}

// cp1252 is the character of a byte ≥ 0x80 in Windows-1252; the five bytes
// the code page leaves out read as U+FFFD.
func cp1252(b byte) rune {
	if b >= 0xA0 {
		return rune(b) // as in ISO-8859-1
	}
	return cp1252High[b-0x80]
}

var cp1252High = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}
