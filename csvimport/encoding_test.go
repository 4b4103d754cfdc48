package csvimport_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/csvimport"
)

func TestEncodings(t *testing.T) {
	// A long file whose first umlaut is cut by the detector's chunks.
	long := strings.Repeat("a", 64<<10-1) + "ü;Grüße\n"
	for _, tc := range []struct {
		name, in, encoding, text string
	}{
		{"UTF8", "text\nGrüße aus München\n", csvimport.UTF8, "text\nGrüße aus München\n"},
		{"UTF8WithBOM", "\xEF\xBB\xBFtext\nGrüße\n", csvimport.UTF8, "text\nGrüße\n"},
		{"UTF8CharacterAcrossChunks", long, csvimport.UTF8, long},
		{"Windows1252", "text\nGr\xfc\xdfe, 5 \x80 \x84zu teuer\x93\n", csvimport.Windows1252, "text\nGrüße, 5 € „zu teuer“\n"},
		{"Windows1252Late", strings.Repeat("x", 200<<10) + "\xe4", csvimport.Windows1252, strings.Repeat("x", 200<<10) + "ä"},
		{"UndefinedByte", "a\x81b", csvimport.Windows1252, "a\uFFFDb"},
		{"Empty", "", csvimport.UTF8, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			enc, err := csvimport.DetectEncoding(strings.NewReader(tc.in))
			if err != nil || enc != tc.encoding {
				t.Fatalf("detected %q, %v; want %q", enc, err, tc.encoding)
			}
			got, err := io.ReadAll(csvimport.Decode(strings.NewReader(tc.in), enc))
			if err != nil || !bytes.Equal(got, []byte(tc.text)) {
				t.Fatalf("decoded %.80q, %v; want %.80q", got, err, tc.text)
			}
		})
	}
}
