package store

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/resonanz/resonanz"
)

// joinList stores a list of labels as one comma-separated column.
func joinList(list []string) string { return strings.Join(list, ",") }

// splitList reads a comma-separated column back into a list.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// mergeList returns the sorted union of two comma-separated lists.
func mergeList(a, b string) string {
	all := append(splitList(a), splitList(b)...)
	slices.Sort(all)
	return joinList(slices.Compact(all))
}

// labels is an analysis as stored in the columns of messages.
type labels struct {
	language, sentiment, kind, kindScores, topics, urgency string
	sentimentScore                                         float64
}

func labelsOf(a *resonanz.Analysis) labels {
	l := labels{language: a.Language, sentiment: a.Sentiment, sentimentScore: a.SentimentScore, kind: a.Kind,
		topics: joinList(a.Topics), urgency: mergeList(joinList(a.Urgency), "")}
	if len(a.KindScores) > 0 {
		b, _ := json.Marshal(a.KindScores)
		l.kindScores = string(b)
	}
	return l
}

func (l *labels) analysis() resonanz.Analysis {
	a := resonanz.Analysis{Language: l.language, Sentiment: l.sentiment, SentimentScore: l.sentimentScore, Kind: l.kind,
		Topics: splitList(l.topics), Urgency: splitList(l.urgency)}
	if l.kindScores != "" {
		json.Unmarshal([]byte(l.kindScores), &a.KindScores)
	}
	return a
}

// labelColumns are the analysis columns of messages, in the order labels scans them.
const labelColumns = `m.language, m.sentiment, m.sentiment_score, m.kind, m.kind_scores, m.topics, m.urgency`

func (l *labels) scanTargets() []any {
	return []any{&l.language, &l.sentiment, &l.sentimentScore, &l.kind, &l.kindScores, &l.topics, &l.urgency}
}
