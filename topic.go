package resonanz

import (
	"context"
	"regexp"
	"strings"
)

// Topic is something customers write about, found by its seed terms (German
// or English words; a word matches compounds that end or start with it).
// Builtin topics come with resonanz; a company adds its own.
type Topic struct {
	Name        string
	Description string
	SeedTerms   []string
	Builtin     bool
}

var topicName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// Validate checks a company topic before it is saved.
func (t *Topic) Validate() error {
	t.Name = strings.ToLower(strings.TrimSpace(t.Name))
	t.Description = strings.TrimSpace(t.Description)
	switch {
	case !topicName.MatchString(t.Name):
		return FieldError("name", "A topic name is 1–40 lower-case letters, digits, - or _, like \"rueckruf\" or \"click-collect\".").Keyed("topic.name")
	case t.Name == AlertAll || t.Name == "none":
		return FieldError("name", "%q is reserved; choose another name.", t.Name).Keyed("topic.reserved")
	case len(t.Description) > 200:
		return FieldError("description", "Keep the description under 200 characters.").Keyed("topic.description")
	case len(t.SeedTerms) == 0:
		return FieldError("seed_terms", "Give at least one seed term, e.g. \"Rückruf, callback\".").Keyed("topic.terms.missing")
	case len(t.SeedTerms) > 200:
		return FieldError("seed_terms", "At most 200 seed terms per topic.").Keyed("topic.terms.many")
	}
	for _, term := range t.SeedTerms {
		if len(term) > 60 {
			return FieldError("seed_terms", "The seed term %q is too long.", term[:20]+"…").Keyed("topic.term.long")
		}
	}
	return nil
}

// TopicSuggestion is a word the analysis could learn as a seed term of a
// topic: agents gave the topic to messages with the word that it had missed.
type TopicSuggestion struct {
	Topic    string
	Term     string
	Messages int // corrected messages with the term that the analysis missed
}

// TopicService keeps the company's own topics, and the seed terms learned
// for built-in topics (stored under the built-in name).
type TopicService interface {
	// FindTopics returns the company's topics by name.
	FindTopics(ctx context.Context) ([]*Topic, error)
	// SaveTopic creates or replaces a company topic.
	SaveTopic(ctx context.Context, t *Topic) error
	DeleteTopic(ctx context.Context, name string) error
}
