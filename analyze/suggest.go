package analyze

import (
	"slices"
	"strings"

	"github.com/resonanz/resonanz"
)

// Suggestion thresholds: a term must recur in missed messages and mostly
// in those, not in every corrected message.
const (
	suggestMinMessages = 2
	suggestMinShare    = 0.6
	suggestMinLen      = 4
)

// SuggestSeedTerms learns from agents' topic corrections: for each topic it
// returns up to perTopic words that occur in the messages the analyzer did
// not give that topic but an agent did, and rarely elsewhere. Only the
// latest correction of each message counts.
func (a *Analyzer) SuggestSeedTerms(corrections []resonanz.LabelCorrection, perTopic int) []resonanz.TopicSuggestion {
	latest := map[int64]resonanz.LabelCorrection{}
	for _, c := range corrections {
		if c.Field == "topics" {
			latest[c.MessageID] = c
		}
	}
	missed := map[string]map[string]int{} // topic → word → messages
	seen := map[string]int{}              // word → corrected messages with it
	var t tokens
	for _, c := range latest {
		words := distinctWords(&t, c.Text)
		for _, w := range words {
			seen[w]++
		}
		found := a.Analyze(c.Text).Topics
		for _, topic := range strings.Split(c.Value, ",") {
			if topic == "" || slices.Contains(found, topic) {
				continue
			}
			if missed[topic] == nil {
				missed[topic] = map[string]int{}
			}
			for _, w := range words {
				missed[topic][w]++
			}
		}
	}
	var out []resonanz.TopicSuggestion
	for topic, counts := range missed {
		var list []resonanz.TopicSuggestion
		for w, n := range counts {
			if n >= suggestMinMessages && float64(n) >= suggestMinShare*float64(seen[w]) && !slices.Contains(a.Analyze(w).Topics, topic) {
				list = append(list, resonanz.TopicSuggestion{Topic: topic, Term: w, Messages: n})
			}
		}
		slices.SortFunc(list, func(x, y resonanz.TopicSuggestion) int {
			if x.Messages != y.Messages {
				return y.Messages - x.Messages
			}
			return strings.Compare(x.Term, y.Term)
		})
		out = append(out, list[:min(len(list), perTopic)]...)
	}
	slices.SortStableFunc(out, func(x, y resonanz.TopicSuggestion) int { return strings.Compare(x.Topic, y.Topic) })
	return out
}

// distinctWords returns the normalised words of text worth a seed term:
// long enough and not among the common words of the language profiles.
func distinctWords(t *tokens, text string) []string {
	t.normalize(text)
	var words []string
	for k, s := range t.spans {
		if s.flags&flagWord == 0 {
			continue
		}
		w := string(t.text(k))
		if len(w) < suggestMinLen || strings.ContainsAny(w, "_#@0123456789") || wordsDE[w] || wordsEN[w] || slices.Contains(words, w) {
			continue
		}
		words = append(words, w)
	}
	return words
}
