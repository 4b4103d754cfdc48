package email

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// decodeCharset turns text in the named charset into UTF-8. Text that claims
// UTF-8 (or nothing) but is not, and text in an unknown charset, is read as
// Windows-1252, the most common mislabelling; a byte that fits nothing
// becomes U+FFFD. It never fails.
func decodeCharset(label string, b []byte) string {
	label = strings.ToLower(strings.TrimSpace(label))
	switch label {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		if utf8.Valid(b) {
			return string(b)
		}
	default:
		if enc, err := htmlindex.Get(label); err == nil {
			if s, err := enc.NewDecoder().Bytes(b); err == nil {
				return strings.ToValidUTF8(string(s), "\uFFFD")
			}
		}
		if utf8.Valid(b) {
			return string(b)
		}
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(s)
}

// charsetReader is the charset hook of mime.WordDecoder.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxHeader))
	if err != nil {
		return nil, err
	}
	return strings.NewReader(decodeCharset(label, b)), nil
}

// maxIDLen is how long an id may be before it is replaced by its hash; it
// leaves room within resonanz.MaxExternalIDLen.
const maxIDLen = 190

// hashID names content that has no usable id by its SHA-256.
func hashID(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:20])
}
