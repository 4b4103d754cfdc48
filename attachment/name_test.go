package attachment

import (
	"strings"
	"testing"
)

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"../../etc/passwd":                "passwd",
		`C:\Users\x\a.pdf`:                "a.pdf",
		".htaccess":                       "htaccess",
		"a\u202Egnp.exe":                  "agnp.exe",
		"":                                "attachment.pdf",
		strings.Repeat("ä", 300) + ".pdf": strings.Repeat("ä", 96) + ".pdf",
	} {
		if got := SafeName(in, "application/pdf"); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}
