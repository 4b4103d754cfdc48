package analyze

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/resonanz/resonanz"
)

// Model holds trained models before they are written.
type Model struct {
	sentiment *linear
	kind      *linear
}

// TrainOptions say what to train on.
type TrainOptions struct {
	DataDir string    // holds potts/; without it only the generated set is used
	Seed    uint64    // seeds the order of updates
	Limit   int       // if > 0, at most this many examples per source, for quick runs
	Log     io.Writer // progress, or nil
	// Corrections are agents' corrected labels: an example teaches sentiment
	// and kind where those are set, and counts correctionWeight times.
	Corrections []Example
}

// correctionWeight makes one agent's correction count like several
// generated messages: it is real text from the company's own customers.
const correctionWeight = 3

var (
	sentimentClasses = []string{resonanz.Negative, resonanz.Neutral, resonanz.Positive}
	kindClasses      = []string{resonanz.KindComplaint, resonanz.KindQuestion, resonanz.KindPraise, resonanz.KindSuggestion, resonanz.KindOther}
)

// Training settings, chosen on PotTS dev and the generated training split.
const (
	sentimentEpochs = 8
	kindEpochs      = 6
	learningRate    = 0.5
	weightDecay     = 1e-4
)

// Train trains the sentiment model on PotTS train (without "mixed") and the
// training split of the generated set (written from the training phrases
// only), and the kind model on the generated
// set alone. The neutral threshold is then tuned on PotTS dev.
func Train(opts TrainOptions) (*Model, error) {
	return train(opts, defaultHyper)
}

// hyper are the settings of training that were chosen by experiment.
type hyper struct {
	l2        float64
	epochs    int
	genWeight float32 // weight of a generated message against a PotTS tweet
}

var defaultHyper = hyper{l2: weightDecay, epochs: sentimentEpochs, genWeight: 1}

func train(opts TrainOptions, h hyper) (*Model, error) {
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", args...)
		}
	}
	var sent, kind []sample
	var t tokens
	// feats returns the features of text and those the sentiment model reads.
	feats := func(text string) ([]uint32, []uint32) {
		t.normalize(text)
		f, cut := t.featuresCut(nil, featureDim, sentimentBytes)
		return f, f[:cut]
	}
	gen := generate(generatedSeed, generatedCount, partTrain)
	used := 0
	for i, e := range gen {
		if HeldOut(i) || opts.Limit > 0 && used >= opts.Limit {
			continue
		}
		used++
		f, fs := feats(e.Text)
		sent = append(sent, sample{fs, slices.Index(sentimentClasses, e.Sentiment), h.genWeight})
		kind = append(kind, sample{f, slices.Index(kindClasses, e.Kind), 1})
	}
	logf("generated: %d training messages", used)
	for _, e := range opts.Corrections {
		f, fs := feats(e.Text)
		if c := slices.Index(sentimentClasses, e.Sentiment); c >= 0 {
			sent = append(sent, sample{fs, c, correctionWeight})
		}
		if c := slices.Index(kindClasses, e.Kind); c >= 0 {
			kind = append(kind, sample{f, c, correctionWeight})
		}
	}
	if len(opts.Corrections) > 0 {
		logf("corrections: %d messages corrected by agents", len(opts.Corrections))
	}
	var dev []labelled
	if opts.DataDir != "" && exists(pottsPath(opts.DataDir, "train")) {
		potts, err := readPotTS(pottsPath(opts.DataDir, "train"))
		if err != nil {
			return nil, err
		}
		if opts.Limit > 0 && len(potts) > opts.Limit {
			potts = potts[:opts.Limit]
		}
		for _, l := range potts {
			_, fs := feats(l.text)
			sent = append(sent, sample{fs, slices.Index(sentimentClasses, l.label), 1})
		}
		logf("potts: %d training tweets (mixed dropped)", len(potts))
		if dev, err = readPotTS(pottsPath(opts.DataDir, "dev")); err != nil {
			return nil, err
		}
	}
	balance(sent, len(sentimentClasses))
	m := &Model{sentiment: newLinear(sentimentClasses, featureDim), kind: newLinear(kindClasses, featureDim)}
	m.sentiment.fit(sent, fitOptions{epochs: h.epochs, rate: learningRate, l2: h.l2, seed: opts.Seed})
	m.kind.fit(kind, fitOptions{epochs: kindEpochs, rate: learningRate, l2: weightDecay, seed: opts.Seed + 1})
	if len(dev) > 0 {
		shift := tuneNeutral(m.sentiment, dev)
		logf("neutral threshold shift %.2f (best macro-F1 on PotTS dev)", shift)
	}
	return m, nil
}

// balance weights samples so that every class counts as much in total.
func balance(samples []sample, classes int) {
	count := make([]int, classes)
	for _, s := range samples {
		count[s.label]++
	}
	for i := range samples {
		samples[i].weight *= float32(len(samples)) / float32(classes*count[samples[i].label])
	}
}

// tuneNeutral shifts the neutral bias to the value with the best macro-F1 on
// dev and returns the shift.
func tuneNeutral(m *linear, dev []labelled) float64 {
	neutral := slices.Index(m.classes, resonanz.Neutral)
	var t tokens
	var feats []uint32
	logits := make([][]float64, len(dev))
	gold := make([]int, len(dev))
	for i, l := range dev {
		t.normalize(l.text)
		var cut int
		feats, cut = t.featuresCut(feats[:0], m.dim, sentimentBytes)
		logits[i] = make([]float64, len(m.classes))
		m.logits(feats[:cut], logits[i])
		gold[i] = slices.Index(m.classes, l.label)
	}
	best, bestF1 := 0.0, -1.0
	for step := -10; step <= 20; step++ {
		shift := float64(step) / 10
		c := newConfusion(m.classes)
		for i, z := range logits {
			pred, hi := 0, z[0]-1e300
			for k, v := range z {
				if k == neutral {
					v += shift
				}
				if v > hi {
					pred, hi = k, v
				}
			}
			c.add(gold[i], pred)
		}
		if f := c.macroF1(); f > bestF1+1e-9 {
			best, bestF1 = shift, f
		}
	}
	m.bias[neutral] += float32(best)
	return best
}

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

// TrainAndWrite trains on the data in dataDir (the folder holding potts/)
// and writes the model files into outDir, normally analyze/model.
func TrainAndWrite(dataDir, outDir string, seed int64, log io.Writer) error {
	m, err := Train(TrainOptions{DataDir: dataDir, Seed: uint64(seed), Log: log})
	if err != nil {
		return err
	}
	return m.Write(outDir)
}
