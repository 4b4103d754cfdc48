package analyze

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/resonanz/resonanz"
)

// Report holds every score Evaluate computed.
type Report struct {
	Scores []Score
}

// Find returns the score of task on set, if it was computed.
func (r Report) Find(set, task string) (Score, bool) {
	for _, s := range r.Scores {
		if s.Set == set && s.Task == task {
			return s, true
		}
	}
	return Score{}, false
}

// Names of the evaluated data sets.
const (
	SetGermEval = "GermEval 2017 dev"
	SetPotTS    = "PotTS test"
	SetHeldOut  = "generated held-out"
)

// noTopic stands for "none of the topics" in the topic scores.
const noTopic = "none"

// Evaluate measures a on the data sets found in dataDir (GermEval 2017 dev,
// PotTS test) and on the held-out split of the generated set, and prints
// the scores to w.
func Evaluate(a *Analyzer, dataDir string, w io.Writer) (Report, error) {
	var r Report
	add := func(c *confusion, set, task string) {
		s := c.score(set, task)
		s.print(w)
		r.Scores = append(r.Scores, s)
	}
	if p := filepath.Join(dataDir, "germeval2017", "dev.tsv"); exists(p) {
		rows, err := readGermEval(p)
		if err != nil {
			return r, err
		}
		add(a.sentimentConfusion(rows), SetGermEval, "sentiment")
	} else {
		fmt.Fprintf(w, "%s: not found at %s, skipped\n", SetGermEval, p)
	}
	if p := pottsPath(dataDir, "test"); exists(p) {
		rows, err := readPotTS(p)
		if err != nil {
			return r, err
		}
		fmt.Fprintln(w, "PotTS test: tweets labelled 'mixed' are excluded")
		add(a.sentimentConfusion(rows), SetPotTS, "sentiment")
	} else {
		fmt.Fprintf(w, "%s: not found at %s, skipped\n", SetPotTS, p)
	}
	topics := append([]string{noTopic}, a.topics.names...)
	c := map[string]*confusion{
		"sentiment": newConfusion(sentimentClasses),
		"kind":      newConfusion(kindClasses),
		"topic":     newConfusion(topics),
		"language":  newConfusion([]string{resonanz.LangGerman, resonanz.LangEnglish, resonanz.LangOther}),
	}
	for i, e := range Generate(generatedSeed, generatedCount) {
		if !HeldOut(i) {
			continue
		}
		got := a.Analyze(e.Text)
		topic, gotTopic := cmp(e.Topic, noTopic), noTopic
		if len(got.Topics) > 0 {
			gotTopic = got.Topics[0]
		}
		for task, pair := range map[string][2]string{
			"sentiment": {e.Sentiment, got.Sentiment},
			"kind":      {e.Kind, got.Kind},
			"topic":     {topic, gotTopic},
			"language":  {e.Language, got.Language},
		} {
			cl := c[task].classes
			c[task].add(slices.Index(cl, pair[0]), max(0, slices.Index(cl, pair[1])))
		}
	}
	for _, task := range []string{"sentiment", "kind", "topic", "language"} {
		add(c[task], SetHeldOut, task)
	}
	return r, nil
}

func cmp(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

func (a *Analyzer) sentimentConfusion(rows []labelled) *confusion {
	c := newConfusion(sentimentClasses)
	for _, l := range rows {
		gold := slices.Index(sentimentClasses, l.label)
		if gold < 0 {
			continue
		}
		c.add(gold, slices.Index(sentimentClasses, a.Analyze(l.text).Sentiment))
	}
	return c
}
