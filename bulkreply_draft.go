package resonanz

import (
	"regexp"
	"slices"
	"strings"
)

// Variants of a bulk reply: German addressing the customer as "Sie" or as
// "du", and English. Each customer gets the one that fits how they wrote.
const (
	VariantSie     = "de-sie"
	VariantDu      = "de-du"
	VariantEnglish = "en"
)

// BulkVariants lists the variants in the order the form shows them.
var BulkVariants = []string{VariantSie, VariantDu, VariantEnglish}

// Why a customer of the crisis room gets no bulk reply.
const (
	SkipConsent   = "consent"    // their contact wish rules out their channel
	SkipNoPrivate = "no_private" // the statement is not fit for public, and their channel has no private way
	SkipNoVariant = "no_variant" // no text in their language
	SkipRemoved   = "removed"    // the manager took them off the list
)

// BulkDraft is a bulk reply as the manager shapes it before sending.
type BulkDraft struct {
	// Templates per variant; an empty "du" variant falls back to "Sie",
	// an empty English one leaves English-writing customers out.
	Templates map[string]string
	// Removed are the customers (contact ids) taken off the list; Quoted
	// those whose own words {quote} brings back to them.
	Removed, Quoted []int64
}

// Template returns the text for one variant, after the fallbacks.
func (d BulkDraft) Template(variant string) string {
	t := strings.TrimSpace(d.Templates[variant])
	if t == "" && variant == VariantDu {
		return strings.TrimSpace(d.Templates[VariantSie])
	}
	return t
}

// Check reports the first problem with the draft's texts: no German text,
// or a text with an unknown placeholder.
func (d BulkDraft) Check(st Statement) error {
	if d.Template(VariantSie) == "" {
		return FieldError("template", "Write the German text of the reply.").Keyed("bulk.german")
	}
	for _, v := range BulkVariants {
		if err := CheckBulkTemplate(d.Template(v), st); err != nil {
			return err
		}
	}
	return nil
}

// IsRemoved reports whether the manager took a customer off the list.
func (d BulkDraft) IsRemoved(contactID int64) bool { return slices.Contains(d.Removed, contactID) }

// IsQuoted reports whether the manager chose to quote a customer's words.
func (d BulkDraft) IsQuoted(contactID int64) bool { return slices.Contains(d.Quoted, contactID) }

// BulkVariant chooses the variant for a customer from the language of
// their message and, in German, how they address the company: whoever
// writes "du", "dein" or "ihr"/"euch" to the company reads "du" back;
// everyone else, and whoever is unclear, "Sie".
func BulkVariant(language, text string) string {
	if language == LangEnglish {
		return VariantEnglish
	}
	if (informalRE.MatchString(text) || informalIhrRE.MatchString(text)) && !formalRE.MatchString(text) {
		return VariantDu
	}
	return VariantSie
}

// A capital "Sie" or "Ihr" says something only within a sentence; at its
// start it may be either.
var (
	informalRE    = regexp.MustCompile(`(?i)\b(du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer|eure|euren|eurem|eurer)\b`)
	informalIhrRE = regexp.MustCompile(`\bihr\b`)
	formalRE      = regexp.MustCompile(`[^.!?\s]\s+(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer)\b`)
)
