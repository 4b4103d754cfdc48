package train

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
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
	// SetUnseen is generated from phrases that training never uses, with
	// another seed: a stricter test than SetHeldOut, whose messages are new
	// combinations of the training phrases.
	SetUnseen = "generated unseen phrases"
	// SetHandwritten is the held-out fifth of the hand-written messages.
	SetHandwritten = "hand-written held-out"
	// SetCustomers is the held-out quarter of the hand-written customer
	// messages (German and English, many trades).
	SetCustomers = "customer messages held-out"
)

// TaskComplaint is complaint against everything else, scored on the kind.
const TaskComplaint = "complaint"

// notComplaint is the other class of TaskComplaint.
const notComplaint = "not complaint"

// unseenCount is the size of SetUnseen.
const unseenCount = 2000

// noTopic stands for "none of the topics" in the topic scores.
const noTopic = "none"

// Evaluate measures a on the data sets found in dataDir (GermEval 2017 dev,
// PotTS test), on the held-out split of the generated set and on messages
// generated from phrases training never uses, and prints the scores to w.
func Evaluate(a *analyze.Analyzer, dataDir string, w io.Writer) (Report, error) {
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
		add(sentimentConfusion(a, rows), SetGermEval, "sentiment")
	} else {
		fmt.Fprintf(w, "%s: not found at %s, skipped\n", SetGermEval, p)
	}
	if p := pottsPath(dataDir, "test"); exists(p) {
		rows, err := readPotTS(p)
		if err != nil {
			return r, err
		}
		fmt.Fprintln(w, "PotTS test: tweets labelled 'mixed' are excluded")
		add(sentimentConfusion(a, rows), SetPotTS, "sentiment")
	} else {
		fmt.Fprintf(w, "%s: not found at %s, skipped\n", SetPotTS, p)
	}
	_, heldOut := holdOut(generate(generatedSeed, generatedCount, partTrain), HeldOut)
	hw, err := handwritten()
	if err != nil {
		return r, err
	}
	_, hwHeldOut := holdOut(hw, HandwrittenHeldOut)
	cust, err := customerMessages()
	if err != nil {
		return r, err
	}
	_, custHeldOut := holdOut(cust, CustomerHeldOut)
	for _, set := range []struct {
		name  string
		data  []analyze.Example
		tasks []string
	}{
		{SetHeldOut, heldOut, []string{"sentiment", "kind", "topic", "language"}},
		{SetUnseen, generate(generatedSeed+1, unseenCount, partTest), []string{"sentiment", "kind", "topic", "language"}},
		{SetHandwritten, hwHeldOut, []string{"sentiment", "kind", "topic", "language"}},
		{SetCustomers, custHeldOut, []string{"sentiment", "kind", TaskComplaint, "language"}},
	} {
		for _, task := range set.tasks {
			add(generatedConfusion(a, set.data, task), set.name, task)
		}
	}
	return r, nil
}

// generatedConfusion measures one task on generated examples.
func generatedConfusion(a *analyze.Analyzer, data []analyze.Example, task string) *confusion {
	var c *confusion
	switch task {
	case "sentiment":
		c = newConfusion(analyze.SentimentClasses)
	case "kind":
		c = newConfusion(analyze.KindClasses)
	case "topic":
		c = newConfusion(append([]string{noTopic}, a.Topics()...))
	case TaskComplaint:
		c = newConfusion([]string{resonanz.KindComplaint, notComplaint})
	default:
		c = newConfusion([]string{resonanz.LangGerman, resonanz.LangEnglish, resonanz.LangOther})
	}
	for _, e := range data {
		got := a.Analyze(e.Text)
		var gold, pred string
		switch task {
		case "sentiment":
			gold, pred = e.Sentiment, got.Sentiment
		case "kind":
			gold, pred = e.Kind, got.Kind
		case "topic":
			gold, pred = cmp(e.Topic, noTopic), noTopic
			if len(got.Topics) > 0 {
				pred = got.Topics[0]
			}
		case TaskComplaint:
			gold, pred = complaintOrNot(e.Kind), complaintOrNot(got.Kind)
		default:
			gold, pred = e.Language, got.Language
		}
		c.add(slices.Index(c.classes, gold), max(0, slices.Index(c.classes, pred)))
	}
	return c
}

func complaintOrNot(kind string) string {
	if kind == resonanz.KindComplaint {
		return kind
	}
	return notComplaint
}

func cmp(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

func sentimentConfusion(a *analyze.Analyzer, rows []labelled) *confusion {
	c := newConfusion(analyze.SentimentClasses)
	for _, l := range rows {
		gold := slices.Index(analyze.SentimentClasses, l.label)
		if gold < 0 {
			continue
		}
		c.add(gold, slices.Index(analyze.SentimentClasses, a.Analyze(l.text).Sentiment))
	}
	return c
}
