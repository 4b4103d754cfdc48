package train

import (
	"fmt"
	"io"
	"slices"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
)

// TrainOptions say what to train on.
type TrainOptions struct {
	DataDir string    // holds potts/; without it only the generated set is used
	Seed    uint64    // seeds the order of updates
	Limit   int       // if > 0, at most this many examples per source, for quick runs
	Log     io.Writer // progress, or nil
	// Corrections are agents' corrected labels: an example teaches sentiment
	// and kind where those are set, and counts correctionWeight times.
	Corrections []analyze.Example
}

// correctionWeight makes one agent's correction count like several
// generated messages: it is real text from the company's own customers.
const correctionWeight = 3

// Training settings of the kind model; those of the sentiment model are in
// hyper, chosen by cross-validation on the tweet corpora.
const (
	kindEpochs   = 6
	learningRate = 0.5
	weightDecay  = 1e-4
	// customerKindWeight is the weight of a hand-written customer message in
	// the kind model against a generated one: real complaint language is
	// rarer in the training data than the templates.
	customerKindWeight = 3
)

// hyper are the settings of the sentiment model, chosen by 5-fold
// cross-validation on PotTS and SB-10k train (go test ./analyze/train -run TestTune -tune -v).
type hyper struct {
	l2          float64
	epochs      int
	pottsWeight float32 // weight of a PotTS tweet
	sb10kWeight float32 // weight of an SB-10k tweet
	genWeight   float32 // weight of a generated message
	hwWeight    float32 // weight of a hand-written transport message
	custWeight  float32 // weight of a hand-written customer message
	joinWeight  float32 // weight of a document joined from hand-written messages
	// balance is how far the classes are weighted towards equal totals
	// (1 equal, 0 natural shares).
	balance float64
	// neutralShift is added to the neutral bias after training.
	neutralShift float64
}

var defaultHyper = hyper{l2: 1e-4, epochs: 8, pottsWeight: 1, sb10kWeight: 1.5, genWeight: 0.1, hwWeight: 1, custWeight: 3, joinWeight: 1, balance: 0.5, neutralShift: 0.4}

// Train trains the sentiment model on the tweet corpora (PotTS train without
// "mixed", SB-10k train), the hand-written messages and the training split of
// the generated set, and the kind model on the generated set and the
// hand-written messages. Held-out splits are never trained on.
func Train(opts TrainOptions) (*analyze.Model, error) {
	return train(opts, defaultHyper)
}

func train(opts TrainOptions, h hyper) (*analyze.Model, error) {
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", args...)
		}
	}
	c, err := loadCorpora(opts)
	if err != nil {
		return nil, err
	}
	logf("tweets: %d PotTS (mixed dropped), %d SB-10k", len(c.tweets.potts), len(c.tweets.sb10k))
	logf("hand-written: %d messages, customer messages: %d", len(c.hw), len(c.customers))
	if len(opts.Corrections) > 0 {
		logf("corrections: %d messages corrected by agents", len(opts.Corrections))
	}
	sentiment := fitSentiment(opts, h, c)
	sentiment.Shift(resonanz.Neutral, h.neutralShift)
	return analyze.NewModel(sentiment, fitKind(opts, c)), nil
}

// corpora is everything training reads, loaded once.
type corpora struct {
	tweets    tweetSets
	hw        []analyze.Example // hand-written transport messages, training split
	customers []analyze.Example // hand-written customer messages, training split
	gen       []analyze.Example // generated messages, training split
}

// tweetSets are the labelled tweet corpora of the sentiment model.
type tweetSets struct {
	potts, sb10k []labelled
}

// loadCorpora reads the data sets under opts.DataDir (those missing are
// skipped) and the project's own messages, without their held-out splits.
func loadCorpora(opts TrainOptions) (corpora, error) {
	var c corpora
	for _, src := range []struct {
		path string
		dst  *[]labelled
	}{
		{pottsPath(opts.DataDir, "train"), &c.tweets.potts},
		{sb10kPath(opts.DataDir), &c.tweets.sb10k},
	} {
		if opts.DataDir == "" || !exists(src.path) {
			continue
		}
		rows, err := readPotTS(src.path)
		if err != nil {
			return c, err
		}
		*src.dst = limit(rows, opts.Limit)
	}
	hw, err := handwritten()
	if err != nil {
		return c, err
	}
	c.hw, _ = holdOut(hw, HandwrittenHeldOut)
	c.hw = limit(c.hw, opts.Limit)
	cust, err := customerMessages()
	if err != nil {
		return c, err
	}
	c.customers, _ = holdOut(cust, CustomerHeldOut)
	c.gen, _ = holdOut(generate(generatedSeed, generatedCount, partTrain), HeldOut)
	c.gen = limit(c.gen, opts.Limit)
	return c, nil
}

// holdOut divides examples by position into those training sees and those
// held out from it.
func holdOut(examples []analyze.Example, held func(i int) bool) (train, out []analyze.Example) {
	for i, e := range examples {
		if held(i) {
			out = append(out, e)
		} else {
			train = append(train, e)
		}
	}
	return train, out
}

func limit[T any](s []T, n int) []T {
	if n > 0 && len(s) > n {
		return s[:n]
	}
	return s
}

// fitSentiment trains the sentiment model.
func fitSentiment(opts TrainOptions, h hyper, c corpora) *analyze.Classifier {
	var sent []analyze.Sample
	add := func(text, label string, w float32) {
		sent = append(sent, analyze.Sample{Text: text, Label: label, Weight: w})
	}
	for _, l := range c.tweets.potts {
		add(l.text, l.label, h.pottsWeight)
	}
	for _, l := range c.tweets.sb10k {
		add(l.text, l.label, h.sb10kWeight)
	}
	for _, e := range c.gen {
		add(e.Text, e.Sentiment, h.genWeight)
	}
	var hw []labelled
	for _, e := range c.hw {
		add(e.Text, e.Sentiment, h.hwWeight)
		hw = append(hw, labelled{e.Text, e.Sentiment})
	}
	for _, l := range joined(hw, opts.Seed) {
		add(l.text, l.label, h.joinWeight)
	}
	for _, e := range c.customers {
		add(e.Text, e.Sentiment, h.custWeight)
	}
	for _, e := range opts.Corrections {
		if slices.Contains(analyze.SentimentClasses, e.Sentiment) {
			add(e.Text, e.Sentiment, correctionWeight)
		}
	}
	return analyze.FitSentiment(sent, analyze.FitOptions{Epochs: h.epochs, Rate: learningRate, L2: h.l2, Seed: opts.Seed, Balance: h.balance})
}

// fitKind trains the kind model.
func fitKind(opts TrainOptions, c corpora) *analyze.Classifier {
	var kind []analyze.Sample
	add := func(text, label string, w float32) {
		kind = append(kind, analyze.Sample{Text: text, Label: label, Weight: w})
	}
	for _, e := range c.gen {
		add(e.Text, e.Kind, 1)
	}
	for _, e := range c.hw {
		add(e.Text, e.Kind, 1)
	}
	for _, e := range c.customers {
		add(e.Text, e.Kind, customerKindWeight)
	}
	for _, e := range opts.Corrections {
		if slices.Contains(analyze.KindClasses, e.Kind) {
			add(e.Text, e.Kind, correctionWeight)
		}
	}
	return analyze.FitKind(kind, analyze.FitOptions{Epochs: kindEpochs, Rate: learningRate, L2: weightDecay, Seed: opts.Seed + 1})
}

// TrainAndWrite trains on the data in dataDir (the folder holding potts/)
// and writes the model files into outDir, normally analyze/model.
func TrainAndWrite(dataDir, outDir string, seed int64, log io.Writer) error {
	m, err := Train(TrainOptions{DataDir: dataDir, Seed: uint64(seed), Log: log})
	if err != nil {
		return err
	}
	return m.Write(outDir)
}
