package csvimport

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/resonanz/resonanz/charset"
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
		return charset.Windows1252(br)
	}
	return br
}
