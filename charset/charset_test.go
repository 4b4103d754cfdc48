package charset_test

import (
	"io"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/charset"
)

func TestWindows1252(t *testing.T) {
	for in, want := range map[string]string{
		"Gr\xfc\xdfe":             "Grüße",
		"5 \x80, \x84zitiert\x93": "5 €, „zitiert“",
		"\x96 \x97 \x85":          "– — …",
		"a\x81\x8d\x8f\x90\x9db":  "a\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDb",
		"plain ASCII":             "plain ASCII",
		"":                        "",
	} {
		got, err := io.ReadAll(charset.Windows1252(strings.NewReader(in)))
		if err != nil || string(got) != want {
			t.Errorf("%q read as %q, %v; want %q", in, got, err, want)
		}
	}
}
