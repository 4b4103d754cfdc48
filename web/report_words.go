package web

import (
	"strconv"
	"strings"
)

// Whole writes a count as the reader writes it: "12.345" or "12,345".
func (l *locale) Whole(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(l.T("number.thousands"))
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

// Share writes part of whole as a percentage with one decimal, "87,5 %";
// "—" when whole is 0, for a share of nothing is no figure.
func (l *locale) Share(part, whole int) string {
	if whole == 0 {
		return "—"
	}
	return l.Decimal(100*float64(part)/float64(whole)) + " %"
}
