package csvimport

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"
)

// Encodings a file may be read in.
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
)

// bom starts many UTF-8 files that Excel and Windows tools write.
var bom = []byte{0xEF, 0xBB, 0xBF}

// DetectEncoding reads r to the end and says how to read it: UTF-8 when
// every byte sequence is valid UTF-8 (or it starts with a byte order mark),
// else Windows-1252, which Excel on German Windows writes and in which
// every byte means a character.
func DetectEncoding(r io.Reader) (string, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, bom) {
		return UTF8, nil
	}
	buf := make([]byte, 64<<10)
	var carry []byte // the start of a character cut by the end of the last chunk
	for {
		n, err := br.Read(buf[len(carry):])
		copy(buf, carry)
		chunk := buf[:len(carry)+n]
		if err == io.EOF {
			if !utf8.Valid(chunk) {
				return Windows1252, nil
			}
			return UTF8, nil
		} else if err != nil {
			return "", err
		}
		cut := incompleteTail(chunk)
		if !utf8.Valid(chunk[:len(chunk)-cut]) {
			return Windows1252, nil
		}
		carry = append(carry[:0], chunk[len(chunk)-cut:]...)
	}
}

// incompleteTail is how many bytes at the end of b start a character that
// the next chunk may complete (at most 3).
func incompleteTail(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0
		}
		if c >= 0xC0 { // a lead byte: is the character complete?
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}

// Decode returns r as UTF-8 text: without a byte order mark, and converted
// from Windows-1252 if that is the encoding.
func Decode(r io.Reader, encoding string) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, bom) {
		br.Discard(3)
	}
	if encoding == Windows1252 {
		return &cp1252Reader{r: br}
	}
	return br
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
