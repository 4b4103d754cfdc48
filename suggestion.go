package resonanz

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Statuses of an improvement suggestion.
const (
	SuggestionNew      = "new"
	SuggestionPlanned  = "planned"
	SuggestionDone     = "done"
	SuggestionDeclined = "declined"
)

// SuggestionStatuses are the statuses in the order the board shows them.
var SuggestionStatuses = []string{SuggestionNew, SuggestionPlanned, SuggestionDone, SuggestionDeclined}

// Suggestion events: what leads did with an entry, with the params they carry.
const (
	SuggestionEventStatus = "status" // from, to
	SuggestionEventMerged = "merged" // entry: the id of the entry merged into this one, asked: how many messages it brought
	SuggestionEventNotice = "notice" // sent, skipped
)

// MinSharedTerms is how many stemmed terms a new suggestion must share with
// an open entry to be hinted as similar to it.
const MinSharedTerms = 2

// Suggestion is one entry on the board of improvement suggestions: the
// customers' messages that ask for the same improvement.
type Suggestion struct {
	ID        int64
	Topic     string // "": none
	Status    string
	SimilarTo int64    // an entry sharing terms with it when it came in; 0: none
	Messages  []*Asked // oldest first
	Customers int      // how many customers asked
	Notice    *SuggestionNotice
	History   []*SuggestionEvent // what leads did with it, newest first
	UpdatedAt time.Time
}

// Asked is one customer message on a suggestion entry.
type Asked struct {
	MessageID      int64
	ConversationID int64
	ContactID      int64
	Customer       string
	Channel        string
	Text           string
	At             time.Time
}

// Title is what the board calls the entry: the start of its first message.
func (s *Suggestion) Title() string {
	if len(s.Messages) == 0 {
		return ""
	}
	return Quote(s.Messages[0].Text, QuoteLen)
}

// Open reports whether the entry still waits for a decision or its work.
func (s *Suggestion) Open() bool { return s.Status == SuggestionNew || s.Status == SuggestionPlanned }

// SuggestionNotice is the one notice sent to the customers of a done entry.
type SuggestionNotice struct {
	By        string
	Sent      int
	Skipped   int
	CreatedAt time.Time
}

// SuggestionEvent is one thing a lead did with an entry.
type SuggestionEvent struct {
	Kind      string
	Params    Params
	By        string
	CreatedAt time.Time
}

// NoticeRecipient is one customer of a done entry and whether the notice may reach them.
type NoticeRecipient struct {
	ContactID      int64
	ConversationID int64 // of their latest message on the entry
	Name           string
	Channel        string
	Quote          string          // the start of their own latest message on the entry
	Decision       ConsentDecision // whether their wishes let it leave, and why
}

// NoticePreview tells whom a done notice would reach, and who is left out for their wishes.
type NoticePreview struct {
	Recipients []*NoticeRecipient
	Skipped    []*NoticeRecipient
}

// SuggestionService keeps the board of improvement suggestions.
type SuggestionService interface {
	// Suggestions returns the entries, newest change first, at most limit (0: 500).
	Suggestions(ctx context.Context, limit int) ([]*Suggestion, error)
	// FindSuggestion returns one entry, or ENOTFOUND.
	FindSuggestion(ctx context.Context, id int64) (*Suggestion, error)
	// SetSuggestionStatus changes an entry's status.
	SetSuggestionStatus(ctx context.Context, id int64, status string, by *User) error
	// MergeSuggestion moves the messages of entry from into entry into and removes from.
	MergeSuggestion(ctx context.Context, from, into int64, by *User) error
	// PreviewSuggestionNotice says whom the done notice of an entry would reach.
	PreviewSuggestionNotice(ctx context.Context, id int64) (*NoticePreview, error)
	// SendSuggestionNotice queues the done notice, once per entry, to every
	// customer who asked and may be contacted on their channel.
	SendSuggestionNotice(ctx context.Context, id int64, text string, by *User) (*SuggestionNotice, error)
}

// ValidSuggestionStatus reports whether s is a status of a suggestion.
func ValidSuggestionStatus(s string) bool { return slices.Contains(SuggestionStatuses, s) }

// SimilarAmong is how many open entries, the most recently changed, a new
// suggestion is compared with: a board nobody triages grows with every
// suggestion, and comparing each new one with all of it held the writer for
// minutes at a few hundred thousand messages.
const SimilarAmong = 500

// SuggestionMatcher finds the open entry that shares the most stemmed terms
// with a new suggestion. Each entry's terms are indexed once, so a match
// costs the entries that share a term with it, not the whole board.
type SuggestionMatcher struct {
	ids      []int64          // by rank: an entry added earlier wins a tie
	withTerm map[string][]int // term → ranks of the entries that have it
}

// NewSuggestionMatcher returns a matcher that knows no entry yet.
func NewSuggestionMatcher() *SuggestionMatcher {
	return &SuggestionMatcher{withTerm: map[string][]int{}}
}

// Add indexes an entry by its messages' stemmed terms (space-separated
// lists); entries that are not open are left out.
func (m *SuggestionMatcher) Add(s *Suggestion, terms ...string) {
	if !s.Open() {
		return
	}
	rank := len(m.ids)
	m.ids = append(m.ids, s.ID)
	seen := map[string]bool{}
	for _, list := range terms {
		for t := range termSet(list) {
			if !seen[t] {
				seen[t] = true
				m.withTerm[t] = append(m.withTerm[t], rank)
			}
		}
	}
}

// Similar returns the entry sharing the most terms with terms, at least
// MinSharedTerms; 0 when none does.
func (m *SuggestionMatcher) Similar(terms string) int64 {
	shared := map[int]int{}
	for t := range termSet(terms) {
		for _, rank := range m.withTerm[t] {
			shared[rank]++
		}
	}
	best, bestShared := -1, MinSharedTerms-1
	for rank, n := range shared {
		if n > bestShared || n == bestShared && best >= 0 && rank < best {
			best, bestShared = rank, n
		}
	}
	if best < 0 {
		return 0
	}
	return m.ids[best]
}

// termSet is the set of terms of a space-separated list, without short ones
// that carry little meaning.
func termSet(terms string) map[string]bool {
	set := map[string]bool{}
	for _, t := range strings.Fields(terms) {
		if utf8.RuneCountInString(t) > 3 {
			set[t] = true
		}
	}
	return set
}

// NoticeText fills the notice template for one customer: {name} and
// {suggestion}, the start of their own message, never another customer's words.
func NoticeText(template, name, suggestion string) string {
	return strings.NewReplacer(PlaceholderName, name, PlaceholderSuggestion, suggestion).Replace(template)
}

// PlaceholderSuggestion stands for the customer's own suggestion in a done notice.
const PlaceholderSuggestion = "{suggestion}"

// AuditSuggestionNotice records in a conversation that its customer was told
// their suggestion is done: suggestion (the entry's id), visibility, text.
const AuditSuggestionNotice = "suggestion.notice"

// CheckNoticeTemplate reports an unknown placeholder in a done notice: a
// typo would reach every customer who asked.
func CheckNoticeTemplate(template string) error {
	for _, p := range placeholderRE.FindAllString(template, -1) {
		if p != PlaceholderName && p != PlaceholderSuggestion {
			return FieldError("text", "Unknown placeholder %s: use {name} or {suggestion}.", p).Keyed("suggestion.placeholder")
		}
	}
	return nil
}
