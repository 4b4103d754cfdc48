package analyze

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/resonanz/resonanz"
)

// The classes the sentiment and the kind models decide between.
var (
	SentimentClasses = []string{resonanz.Negative, resonanz.Neutral, resonanz.Positive}
	KindClasses      = []string{resonanz.KindComplaint, resonanz.KindQuestion, resonanz.KindPraise, resonanz.KindSuggestion, resonanz.KindOther}
)

// Sample is a labelled text and how much it counts in training.
type Sample struct {
	Text   string
	Label  string
	Weight float32
}

// FitOptions steer the training of one model by stochastic gradient descent.
type FitOptions struct {
	Epochs int
	Rate   float64 // initial learning rate
	L2     float64 // weight decay on the features an example touches
	Seed   uint64
	// Balance is how far the classes are weighted towards equal totals
	// (1 equal, 0 natural shares).
	Balance float64
}

// Classifier is a trained sentiment or kind model; training lives outside
// this package, so the features a model reads are decided here alone.
type Classifier struct {
	model     *linear
	sentiment bool // reads the opening of a text, as the sentiment model does
}

// FitSentiment trains a sentiment model on samples, reading each text's
// opening as the analysis does. The same samples and seed give the same
// weights bit for bit.
func FitSentiment(samples []Sample, o FitOptions) *Classifier {
	return fitClassifier(&Classifier{model: newLinear(SentimentClasses, featureDim), sentiment: true}, samples, o)
}

// FitKind trains a kind model on samples, reading each text whole.
func FitKind(samples []Sample, o FitOptions) *Classifier {
	return fitClassifier(&Classifier{model: newLinear(KindClasses, featureDim)}, samples, o)
}

func fitClassifier(c *Classifier, samples []Sample, o FitOptions) *Classifier {
	var f featurizer
	fitted := make([]sample, len(samples))
	for i, s := range samples {
		fitted[i] = sample{c.features(&f, s.Text), slices.Index(c.model.classes, s.Label), s.Weight}
	}
	if o.Balance != 0 {
		balance(fitted, len(c.model.classes), o.Balance)
	}
	c.model.fit(fitted, fitOptions{epochs: o.Epochs, rate: o.Rate, l2: o.L2, seed: o.Seed})
	return c
}

func (c *Classifier) features(f *featurizer, text string) []uint32 {
	if c.sentiment {
		return f.opening(text)
	}
	return f.all(text)
}

// Scores are the raw scores of text per class, in the order of the model's classes.
func (c *Classifier) Scores(text string) []float64 {
	var f featurizer
	z := make([]float64, len(c.model.classes))
	c.model.logits(c.features(&f, text), z)
	return z
}

// Shift adds by to the score of class for every text: a bias chosen on
// held-out data after training.
func (c *Classifier) Shift(class string, by float64) {
	c.model.bias[slices.Index(c.model.classes, class)] += float32(by)
}

// Model holds trained models before they are written.
type Model struct {
	sentiment *linear
	kind      *linear
}

// NewModel pairs a trained sentiment and kind model.
func NewModel(sentiment, kind *Classifier) *Model {
	return &Model{sentiment: sentiment.model, kind: kind.model}
}

// Analyzer analyses with the trained models before they are written.
func (m *Model) Analyzer() (*Analyzer, error) { return newAnalyzer(m.sentiment, m.kind) }

// Write stores the models in dir, creating it if needed.
func (m *Model) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, lm := range map[string]*linear{sentimentFile: m.sentiment, kindFile: m.kind} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if err := lm.write(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}
