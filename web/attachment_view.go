package web

import (
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// FileSize words a size in bytes as the reader writes it: "820 KB", "1,4 MB".
func (p *page) FileSize(n int64) string { return fileSize(p.Lang, n) }

func fileSize(lang string, n int64) string {
	switch {
	case n >= 1<<20:
		s := strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64)
		if lang == "de" {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// Unkept says why a file of a message was not kept, in the reader's language.
func (p *page) Unkept(a *resonanz.Attachment) string {
	if a.Refused == "" {
		return p.T("attachment.unkept")
	}
	return strings.Replace(p.T("attachment.refused."+a.Refused), "%s", p.FileSize(a.Limit), 1)
}
