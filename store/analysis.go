package store

import (
	"encoding/json"
	"slices"
	"strconv"
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

// encodeTopics stores topic names as a JSON array, so that the inbox can
// match a name exactly (json_each); no topics are stored as "".
func encodeTopics(topics []string) string {
	if len(topics) == 0 {
		return ""
	}
	b, _ := json.Marshal(topics) // a list of strings always encodes
	return string(b)
}

// decodeTopics reads a topics column back. Names hold no characters that
// JSON escapes, so the array is split directly; anything else is decoded
// in full. Replaying weeks of messages at start reads it a million times.
func decodeTopics(s string) []string {
	if inner, ok := strings.CutPrefix(s, `["`); ok && strings.HasSuffix(inner, `"]`) && !strings.Contains(inner, `\`) {
		return strings.Split(strings.TrimSuffix(inner, `"]`), `","`)
	}
	var topics []string
	json.Unmarshal([]byte(s), &topics) // "" and anything unreadable: no topics
	return topics
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
		topics: encodeTopics(a.Topics), urgency: mergeList(joinList(a.Urgency), "")}
	l.kindScores = encodeScores(a.KindScores)
	return l
}

// encodeScores stores kind scores compactly, as "complaint:0.974,question:0.018":
// kinds in a fixed order, three decimals, scores under 0.005 left out. JSON
// took 150 bytes a message, a sixth of a million-message database.
func encodeScores(scores map[string]float64) string {
	kinds := make([]string, 0, len(scores))
	for k, v := range scores {
		if v >= 0.005 {
			kinds = append(kinds, k)
		}
	}
	slices.Sort(kinds)
	var b strings.Builder
	for i, k := range kinds {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k + ":" + strconv.FormatFloat(scores[k], 'f', 3, 64))
	}
	return b.String()
}

func decodeScores(s string) map[string]float64 {
	if s == "" {
		return nil
	}
	scores := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(part, ":")
		scores[k], _ = strconv.ParseFloat(v, 64)
	}
	return scores
}

func (l *labels) analysis() resonanz.Analysis {
	a := resonanz.Analysis{Language: l.language, Sentiment: l.sentiment, SentimentScore: l.sentimentScore, Kind: l.kind,
		Topics: decodeTopics(l.topics), Urgency: splitList(l.urgency)}
	a.KindScores = decodeScores(l.kindScores)
	return a
}

// labelColumns are the analysis columns of messages, in the order labels scans them.
const labelColumns = `m.language, m.sentiment, m.sentiment_score, m.kind, m.kind_scores, m.topics, m.urgency`

func (l *labels) scanTargets() []any {
	return []any{&l.language, &l.sentiment, &l.sentimentScore, &l.kind, &l.kindScores, &l.topics, &l.urgency}
}
