package analyze

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/resonanz/resonanz"
)

// An installation adapts the shipped models to its customers' language with a
// Delta: weight changes learned from its agents' corrections, added to the
// shipped weights. The shipped model stays the prior: a delta starts at zero
// and weight decay pulls it back there, so a few corrections move only what
// they are about.

// Tasks a delta adapts, in the order they are stored.
const (
	taskSentiment = iota
	taskKind
	taskLanguage
	taskCount
)

var languageClasses = []string{resonanz.LangGerman, resonanz.LangEnglish, resonanz.LangOther}

// languageMargin is how strongly the word-list guess of the language counts
// against what a delta learned: a learned word must outweigh it.
const languageMargin = 2

// Delta is what an installation learned on top of the shipped models.
type Delta struct {
	tasks [taskCount]taskDelta
}

// taskDelta holds one task's changes: a bias per class and, for the
// features corrections touched, a weight per class.
type taskDelta struct {
	classes []string
	bias    []float32
	rows    map[uint32][]float32
}

// LearnOptions steer how a delta is learned.
type LearnOptions struct {
	Epochs int     // passes over the corrections
	Rate   float64 // initial learning rate
	Prior  float64 // weight decay towards the shipped model
	// Balance weights the classes towards equal totals (1 equal, 0 natural shares).
	Balance float64
	Seed    uint64
}

// DefaultLearnOptions are the settings of the running server.
var DefaultLearnOptions = LearnOptions{Epochs: 12, Rate: 1, Prior: 1e-3, Balance: 0.5, Seed: 1}

// Example is one labelled message: an agent's correction, or one of the
// training and evaluation sets. An empty label teaches nothing; Topic is
// empty when the message is about none of the built-in topics.
type Example struct {
	Text      string
	Language  string
	Sentiment string
	Kind      string
	Topic     string
}

// Corrected turns agents' corrections into examples, one a message in the
// order they were first corrected, the latest correction of each label
// winning; ids are the examples' messages.
func Corrected(corrections []resonanz.LabelCorrection) (examples []Example, ids []int64) {
	index := map[int64]int{}
	for _, c := range corrections {
		i, ok := index[c.MessageID]
		if !ok {
			i = len(examples)
			index[c.MessageID] = i
			examples = append(examples, Example{Text: c.Text})
			ids = append(ids, c.MessageID)
		}
		switch c.Field {
		case "sentiment":
			examples[i].Sentiment = c.Value
		case "kind":
			examples[i].Kind = c.Value
		case "language":
			examples[i].Language = c.Value
		}
	}
	return examples, ids
}

// Learn learns a delta from corrected examples: each teaches the tasks whose
// label it has (Sentiment, Kind, Language; empty ones are skipped). a must be
// the shipped analyzer, not an adapted one.
func (a *Analyzer) Learn(examples []Example, o LearnOptions) *Delta {
	d := &Delta{}
	var f featurizer
	for task := range taskCount {
		var samples []sample
		var base [][]float64
		classes := a.taskClasses(task)
		for _, e := range examples {
			label := slices.Index(classes, exampleLabel(e, task))
			if label < 0 {
				continue
			}
			var feats []uint32
			if task == taskSentiment {
				feats = f.opening(e.Text)
			} else {
				feats = f.all(e.Text)
			}
			samples = append(samples, sample{feats, label, 1})
			base = append(base, a.baseLogits(task, feats, e.Text))
		}
		d.tasks[task] = fitDelta(classes, samples, base, o)
	}
	return d
}

func exampleLabel(e Example, task int) string {
	switch task {
	case taskSentiment:
		return e.Sentiment
	case taskKind:
		return e.Kind
	}
	return e.Language
}

func (a *Analyzer) taskClasses(task int) []string {
	switch task {
	case taskSentiment:
		return a.sentiment.classes
	case taskKind:
		return a.kind.classes
	}
	return languageClasses
}

// baseLogits are the shipped model's scores, which a delta adds to.
func (a *Analyzer) baseLogits(task int, feats []uint32, text string) []float64 {
	out := make([]float64, len(a.taskClasses(task)))
	switch task {
	case taskSentiment:
		a.sentiment.logits(feats, out)
	case taskKind:
		a.kind.logits(feats, out)
	default:
		var t tokens
		t.normalize(text)
		out[slices.Index(languageClasses, t.language(text))] = languageMargin
	}
	return out
}

// fitDelta learns one task's delta by stochastic gradient descent on the
// shipped scores plus the delta, decaying the delta's weights towards zero.
func fitDelta(classes []string, samples []sample, base [][]float64, o LearnOptions) taskDelta {
	k := len(classes)
	td := taskDelta{classes: classes, bias: make([]float32, k), rows: map[uint32][]float32{}}
	if len(samples) == 0 {
		return td
	}
	balance(samples, k, o.Balance)
	for _, s := range samples {
		for _, f := range s.feats {
			if td.rows[f] == nil {
				td.rows[f] = make([]float32, k)
			}
		}
	}
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	p := make([]float64, k)
	total := float64(o.Epochs * len(samples))
	step := 0
	for epoch := range o.Epochs {
		r := rand.New(rand.NewPCG(o.Seed, uint64(epoch)))
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			s := samples[i]
			rate := o.Rate * (1 - 0.9*float64(step)/total)
			step++
			scale := td.logits(s.feats, base[i], p)
			softmax(p)
			// The bias learns like one more feature of the message: a few
			// corrections of one class must not tilt every message towards it.
			decay := float32(1 - rate*o.Prior)
			for c := range k {
				g := p[c]
				if c == s.label {
					g--
				}
				p[c] = g * rate * float64(s.weight)
				td.bias[c] = td.bias[c]*decay - float32(p[c]*scale)
			}
			for _, f := range s.feats {
				row := td.rows[f]
				for c := range row {
					row[c] = row[c]*decay - float32(p[c]*scale)
				}
			}
		}
	}
	td.prune()
	return td
}

// logits writes base plus the delta's scores of feats into out and returns
// the feature scale, 1/√n as in the shipped models.
func (td *taskDelta) logits(feats []uint32, base []float64, out []float64) float64 {
	copy(out, base)
	scale := 1.0
	if len(feats) > 0 {
		scale = 1 / math.Sqrt(float64(len(feats)))
	}
	for _, f := range feats {
		if row := td.rows[f]; row != nil {
			for c, v := range row {
				out[c] += float64(v) * scale
			}
		}
	}
	for c, v := range td.bias {
		out[c] += float64(v)
	}
	return scale
}

// prune drops the rows that learned next to nothing, to keep stored deltas small.
func (td *taskDelta) prune() {
	for f, row := range td.rows {
		keep := false
		for _, v := range row {
			keep = keep || math.Abs(float64(v)) >= 1e-4
		}
		if !keep {
			delete(td.rows, f)
		}
	}
}

// Size is the number of feature rows the delta changes.
func (d *Delta) Size() int {
	n := 0
	for _, td := range d.tasks {
		n += len(td.rows)
	}
	return n
}

// Adapt returns an analyzer that adds delta to a's models; a nil delta
// returns a. The result keeps a's topics.
func (a *Analyzer) Adapt(d *Delta) *Analyzer {
	if d == nil {
		return a
	}
	b := *a
	b.sentiment = a.sentiment.plus(d.tasks[taskSentiment])
	b.kind = a.kind.plus(d.tasks[taskKind])
	if td := d.tasks[taskLanguage]; len(td.bias) > 0 {
		lang := newLinear(languageClasses, featureDim)
		b.language = lang.plus(td)
	}
	return &b
}

// plus returns a copy of m with td added; a delta for other classes leaves m as it is.
func (m *linear) plus(td taskDelta) *linear {
	if !slices.Equal(m.classes, td.classes) {
		return m
	}
	k := len(m.classes)
	out := &linear{classes: m.classes, dim: m.dim, w: slices.Clone(m.w), bias: slices.Clone(m.bias)}
	for c, v := range td.bias {
		out.bias[c] += v
	}
	for f, row := range td.rows {
		for c, v := range row {
			out.w[int(f)*k+c] += v
		}
	}
	return out
}

// adaptLanguage lets a learned language model overrule the word-list guess.
func (a *Analyzer) adaptLanguage(guess string, feats []uint32, p []float64) string {
	if a.language == nil {
		return guess
	}
	a.language.logits(feats, p)
	p[slices.Index(languageClasses, guess)] += languageMargin
	return languageClasses[argmax(p)]
}
