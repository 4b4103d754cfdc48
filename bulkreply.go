package resonanz

import (
	"regexp"
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
// customer, each in their own conversation, on their own channel.
type BulkReply struct {
	ID        int64
	AlertID   int64
	Template  string
	UserName  string
	Sent      int // customers who got it
	Skipped   int // customers left out for their contact wishes
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
	Visibility     string // of the reply: the way they wrote, if their channel allows it
	Quote          string
	Text           string          // the template with their placeholders filled
	Decision       ConsentDecision // whether their wishes let it leave, and why
}

// BulkPreview tells whom a bulk reply would reach, and whom not.
type BulkPreview struct {
	Recipients []*BulkRecipient
	Skipped    []*BulkRecipient // their wishes rule it out (see Decision)
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
// customer) or a {statement} while the alert has none.
func CheckBulkTemplate(template string, st Statement) error {
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

// FillBulkTemplate puts one customer's name and quote and the statement into
// the template. It replaces in one pass, so placeholders inside the customer's
// own text stay as they are.
func FillBulkTemplate(template, name, quote string, st Statement) string {
	return strings.NewReplacer(PlaceholderName, name, PlaceholderQuote, quote, PlaceholderStatement, st.Public()).Replace(template)
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
