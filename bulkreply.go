package resonanz

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// Placeholders a bulk reply template may use.
const (
	PlaceholderName      = "{name}"      // the customer's display name
	PlaceholderQuote     = "{quote}"     // the start of their latest message in the alert
	PlaceholderStatement = "{statement}" // the alert's public statement and its link
)

// QuoteLen is about how many characters of a customer's message {quote} keeps.
const QuoteLen = 80

// BulkReply is one answer sent from an alert's crisis room to every affected
// customer, each in their own conversation, on their own channel, in the
// variant that fits them.
type BulkReply struct {
	ID        int64
	AlertID   int64
	Template  string // the German "Sie" variant; the others are kept beside it
	UserName  string
	Sent      int // customers who got it
	Skipped   int // customers of the room left out (see BulkPreview.Skipped)
	CreatedAt time.Time
	// Repeated tells that this submit repeated an earlier one with the same
	// nonce: nothing was sent again, the figures are the earlier ones.
	Repeated bool
}

// BulkRecipient is one affected customer of an alert and the reply they get.
type BulkRecipient struct {
	ContactID      int64
	ConversationID int64 // of their latest message in the alert
	Name           string
	Channel        string
	Visibility     string // of the reply: the way they wrote, if the statement and their channel allow it
	Language       string // of their message
	Variant        string // of the reply, one of BulkVariants
	Quote          string // their words, where the manager chose to quote them
	Quoted         bool
	Text           string          // the variant with their placeholders filled
	Decision       ConsentDecision // whether their wishes let it leave, and why
	Skip           string          // why they get nothing (Skip*), "" for a recipient
}

// BulkPreview tells whom a bulk reply would reach, and whom not: every
// customer of the crisis room is in exactly one of the two lists.
type BulkPreview struct {
	Recipients []*BulkRecipient
	Skipped    []*BulkRecipient
}

// Room counts the customers of the crisis room.
func (p *BulkPreview) Room() int { return len(p.Recipients) + len(p.Skipped) }

// SkippedFor counts the customers left out for one reason.
func (p *BulkPreview) SkippedFor(reason string) int {
	n := 0
	for _, r := range p.Skipped {
		if r.Skip == reason {
			n++
		}
	}
	return n
}

// Public counts the recipients who would be answered publicly.
func (p *BulkPreview) Public() int {
	n := 0
	for _, r := range p.Recipients {
		if r.Visibility == Public {
			n++
		}
	}
	return n
}

// Private counts the recipients who would be answered privately.
func (p *BulkPreview) Private() int { return len(p.Recipients) - p.Public() }

var placeholderRE = regexp.MustCompile(`\{[A-Za-z_]+\}`)

// CheckBulkTemplate reports an unknown placeholder (a typo would reach every
// customer), a {statement} while the alert has none, or a {quote} that
// shares its line with another placeholder (the line is left out where the
// manager does not quote) or fills every line.
func CheckBulkTemplate(template string, st Statement) error {
	if err := checkQuoteLines(template); err != nil {
		return err
	}
	for _, p := range placeholderRE.FindAllString(template, -1) {
		switch p {
		case PlaceholderName, PlaceholderQuote:
		case PlaceholderStatement:
			if st.Text == "" {
				return FieldError("template", "The template uses {statement}, but the alert has no statement yet.").Keyed("bulk.statement")
			}
		default:
			return FieldError("template", "Unknown placeholder %s: use {name}, {quote} or {statement}.", p).Keyed("bulk.placeholder")
		}
	}
	return nil
}

func checkQuoteLines(template string) error {
	other := false
	for _, l := range strings.Split(template, "\n") {
		if !strings.Contains(l, PlaceholderQuote) {
			other = other || strings.TrimSpace(l) != ""
			continue
		}
		if strings.Contains(l, PlaceholderName) || strings.Contains(l, PlaceholderStatement) {
			return FieldError("template", "Put {quote} on a line of its own: that line is left out for customers you do not quote.").Keyed("bulk.quote.line")
		}
	}
	if !other && strings.Contains(template, PlaceholderQuote) {
		return FieldError("template", "Put {quote} on a line of its own: that line is left out for customers you do not quote.").Keyed("bulk.quote.line")
	}
	return nil
}

// FillBulkTemplate puts one customer's name and quote and the statement into
// the template. It replaces in one pass, so placeholders inside the customer's
// own text stay as they are. Without a quote, the lines that would have
// held it are left out: nobody reads "You wrote: ".
func FillBulkTemplate(template, name, quote string, st Statement) string {
	if quote == "" {
		lines := strings.Split(template, "\n")
		template = strings.Join(slices.DeleteFunc(lines, func(l string) bool { return strings.Contains(l, PlaceholderQuote) }), "\n")
	}
	return strings.NewReplacer(PlaceholderName, name, PlaceholderQuote, quote, PlaceholderStatement, st.Published()).Replace(template)
}

// Quote returns text on one line, cut at a word boundary to at most n
// characters and "…" where it was cut; a single long word is cut hard.
func Quote(text string, n int) string {
	line := []rune(strings.Join(strings.Fields(text), " "))
	if len(line) <= n {
		return string(line)
	}
	cut := n
	for i := n; i > n/2; i-- {
		if line[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(line[:cut]), " ,;:.-") + "…"
}
