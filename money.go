package resonanz

import (
	"strconv"
	"strings"
)

// MaxGoodwill is the largest amount, in euro cents, any goodwill figure may have.
const MaxGoodwill = 100_000_00

// ParseEuros reads an amount of euros as people type it ("12", "12,50",
// "12.5", "12,50 €") into cents. It refuses negative amounts, more than two
// decimals and thousands separators, which are ambiguous between languages.
func ParseEuros(field, s string) (int64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "€"))
	if s == "" {
		return 0, FieldError(field, "Enter an amount in euros.").Keyed("amount.missing")
	}
	if strings.HasPrefix(s, "-") {
		return 0, FieldError(field, "The amount must not be negative.").Keyed("amount.negative")
	}
	whole, frac, _ := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 2 || !digits(whole) || !digits(frac) || len(whole) > 9 {
		return 0, FieldError(field, "%q is not an amount in euros (e.g. 12,50).", s).Keyed("amount.invalid")
	}
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(whole+frac, 10, 64)
	return cents, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FormatEuros writes cents as euros the German way: "1234,50 €".
func FormatEuros(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	frac := strconv.FormatInt(cents%100, 10)
	if len(frac) < 2 {
		frac = "0" + frac
	}
	return sign + strconv.FormatInt(cents/100, 10) + "," + frac + " €"
}
