package resonanz_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

func TestSplitReply(t *testing.T) {
	words := strings.Repeat("Wort ", 300) // 1,500 characters
	for _, tc := range []struct {
		name  string
		text  string
		max   int
		parts int
	}{
		{"Fits", "Kurz und gut.", 500, 1},
		{"ExactlyMax", strings.Repeat("x", 500), 500, 1},
		{"ThreeParts", words, 500, 4},
		{"LongWordIsCut", strings.Repeat("x", 1200), 500, 3},
		{"TenPartsTakeTwoDigits", words, 150, 11},
		{"NoLimit", words, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := resonanz.SplitReply(tc.text, tc.max)
			if len(parts) != tc.parts {
				t.Fatalf("%d parts, want %d: %q", len(parts), tc.parts, parts)
			}
			if len(parts) == 1 {
				if parts[0] != tc.text {
					t.Fatalf("a reply that fits changed: %q", parts[0])
				}
				return
			}
			var joined []string
			for i, p := range parts {
				if n := utf8.RuneCountInString(p); n > tc.max {
					t.Fatalf("part %d has %d characters, more than %d", i+1, n, tc.max)
				}
				suffix := " (" + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(parts)) + ")"
				body, ok := strings.CutSuffix(p, suffix)
				if !ok {
					t.Fatalf("part %d lacks %q: %q", i+1, suffix, p)
				}
				joined = append(joined, strings.Fields(body)...)
			}
			if want := strings.Fields(tc.text); !strings.Contains(tc.name, "Cut") && !slices.Equal(joined, want) {
				t.Fatalf("the parts do not hold the words of the reply")
			}
		})
	}
}
