package learn

import (
	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
)

// Every holdBackEvery-th corrected message (by a hash of its id, so the same
// ones always) is never learned from: the guard scores each version on them,
// so no version has seen what it is judged by.
const holdBackEvery = 10

// scoredRecent is how many of the newest held-back messages a version is
// scored on: the language customers use now.
const scoredRecent = 500

func heldBack(messageID int64) bool {
	h := uint64(messageID) * 0x9e3779b97f4a7c15
	return (h>>32)%holdBackEvery == 0
}

// refused tells whether the guard keeps a version from going live: it got
// fewer of the held-back labels right than the live model.
func refused(v *resonanz.ModelVersion) bool { return v.Score < v.LiveScore }

// corrected is the corrections since a reset, as examples: the latest label
// of each field of each message.
type corrected struct {
	learn, held               []analyze.Example
	learnedLabels, heldLabels int
	through                   int64
}

func gather(all []resonanz.LabelCorrection, since int64) corrected {
	var c corrected
	index := map[int64]int{}
	var examples []analyze.Example
	var ids []int64
	for _, lc := range all {
		if lc.ID <= since {
			continue
		}
		c.through = lc.ID
		i, ok := index[lc.MessageID]
		if !ok {
			i = len(examples)
			index[lc.MessageID] = i
			examples = append(examples, analyze.Example{Text: lc.Text})
			ids = append(ids, lc.MessageID)
		}
		switch lc.Field {
		case "sentiment":
			examples[i].Sentiment = lc.Value
		case "kind":
			examples[i].Kind = lc.Value
		case "language":
			examples[i].Language = lc.Value
		}
	}
	for i, e := range examples {
		n := labels(e)
		if n == 0 {
			continue // topics only: learned as seed terms on the topics page
		}
		if heldBack(ids[i]) {
			c.held = append(c.held, e)
		} else {
			c.learn = append(c.learn, e)
			c.learnedLabels += n
		}
	}
	if len(c.held) > scoredRecent {
		c.held = c.held[len(c.held)-scoredRecent:]
	}
	for _, e := range c.held {
		c.heldLabels += labels(e)
	}
	return c
}

func labels(e analyze.Example) int {
	n := 0
	for _, v := range []string{e.Sentiment, e.Kind, e.Language} {
		if v != "" {
			n++
		}
	}
	return n
}

// score is the share of the held-back labels model gets right; 0 for none.
func score(model *analyze.Analyzer, held []analyze.Example) float64 {
	right, total := 0, 0
	for _, e := range held {
		got := model.Analyze(e.Text)
		for _, p := range [][2]string{{e.Sentiment, got.Sentiment}, {e.Kind, got.Kind}, {e.Language, got.Language}} {
			if p[0] != "" {
				total++
				if p[0] == p[1] {
					right++
				}
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(right) / float64(total)
}
