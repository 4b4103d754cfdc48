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
	// hwWeight is the weight of a hand-written message against a PotTS
	// tweet; 0 leaves the hand-written set out.
	hwWeight float32
	// hwKindWeight is its weight in the kind model against a generated one.
	hwKindWeight float32
	pottsWeight  float32 // weight of a PotTS tweet
	noBalance    bool    // keep the classes' natural shares instead of balancing them
	joinWeight   float32 // weight of a document joined from hand-written messages; 0 for none
	// shiftMicro makes the neutral shift maximise micro-F1 plus macro-F1 on
	// the hand-written dev split, instead of macro-F1 alone.
	shiftMicro bool
}

var defaultHyper = hyper{l2: weightDecay, epochs: sentimentEpochs, genWeight: 0.3, hwWeight: 1, hwKindWeight: 1, pottsWeight: 1, joinWeight: 0.5, shiftMicro: true}

func train(opts TrainOptions, h hyper) (*Model, error) {
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", args...)
		}
	}
	hw, err := handwritten()
	if err != nil {
		return nil, err
	}
	if h.hwWeight == 0 {
		hw = nil
	}
	var potts, pottsDev []labelled
	if opts.DataDir != "" && exists(pottsPath(opts.DataDir, "train")) {
		if potts, err = readPotTS(pottsPath(opts.DataDir, "train")); err != nil {
			return nil, err
		}
		if opts.Limit > 0 && len(potts) > opts.Limit {
			potts = potts[:opts.Limit]
		}
		if pottsDev, err = readPotTS(pottsPath(opts.DataDir, "dev")); err != nil {
			return nil, err
		}
	}
	var hwDev []labelled
	for i, e := range hw {
		if handwrittenDev(i) {
			hwDev = append(hwDev, labelled{e.Text, e.Sentiment})
		}
	}
	if len(hwDev) > 0 {
		// A first model without the dev messages chooses the neutral shift;
		// the model that is kept then learns from them too.
		m, err := fitModels(opts, h, potts, hw, false, nil)
		if err != nil {
			return nil, err
		}
		shift := tuneNeutral(m.sentiment, hwDev, pottsDev, h.shiftMicro)
		m, err = fitModels(opts, h, potts, hw, true, logf)
		if err != nil {
			return nil, err
		}
		m.sentiment.bias[slices.Index(m.sentiment.classes, resonanz.Neutral)] += float32(shift)
		logf("neutral threshold shift %.2f (best on the hand-written dev split and PotTS dev)", shift)
		return m, nil
	}
	m, err := fitModels(opts, h, potts, hw, true, logf)
	if err != nil {
		return nil, err
	}
	if len(pottsDev) > 0 {
		shift := tuneNeutral(m.sentiment, nil, pottsDev, false)
		m.sentiment.bias[slices.Index(m.sentiment.classes, resonanz.Neutral)] += float32(shift)
		logf("neutral threshold shift %.2f (best macro-F1 on PotTS dev)", shift)
	}
	return m, nil
}

// fitModels trains both models; withDev says whether the hand-written dev
// split is trained on.
func fitModels(opts TrainOptions, h hyper, potts []labelled, hw []Example, withDev bool, logf func(string, ...any)) (*Model, error) {
	if logf == nil {
		logf = func(string, ...any) {}
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
	for _, l := range potts {
		_, fs := feats(l.text)
		sent = append(sent, sample{fs, slices.Index(sentimentClasses, l.label), h.pottsWeight})
	}
	if len(potts) > 0 {
		logf("potts: %d training tweets (mixed dropped)", len(potts))
	}
	used = 0
	var hwTrain []labelled
	for i, e := range hw {
		if HandwrittenHeldOut(i) || !withDev && handwrittenDev(i) || opts.Limit > 0 && used >= opts.Limit {
			continue
		}
		used++
		f, fs := feats(e.Text)
		sent = append(sent, sample{fs, slices.Index(sentimentClasses, e.Sentiment), h.hwWeight})
		kind = append(kind, sample{f, slices.Index(kindClasses, e.Kind), h.hwKindWeight})
		hwTrain = append(hwTrain, labelled{e.Text, e.Sentiment})
	}
	if h.joinWeight > 0 {
		for _, l := range joined(hwTrain, opts.Seed) {
			_, fs := feats(l.text)
			sent = append(sent, sample{fs, slices.Index(sentimentClasses, l.label), h.joinWeight})
		}
	}
	if used > 0 {
		logf("hand-written: %d training messages", used)
	}
	if !h.noBalance {
		balance(sent, len(sentimentClasses))
	}
	m := &Model{sentiment: newLinear(sentimentClasses, featureDim), kind: newLinear(kindClasses, featureDim)}
	m.sentiment.fit(sent, fitOptions{epochs: h.epochs, rate: learningRate, l2: h.l2, seed: opts.Seed})
	m.kind.fit(kind, fitOptions{epochs: kindEpochs, rate: learningRate, l2: weightDecay, seed: opts.Seed + 1})
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

// tuneNeutral returns the shift of the neutral bias with the best sum of
// macro-F1 on the in-domain dev set and on PotTS dev (either may be empty);
// withMicro adds the in-domain micro-F1.
func tuneNeutral(m *linear, inDomain, potts []labelled, withMicro bool) float64 {
	neutral := slices.Index(m.classes, resonanz.Neutral)
	var sets []scored
	var t tokens
	var feats []uint32
	for _, dev := range [][]labelled{inDomain, potts} {
		if len(dev) == 0 {
			continue
		}
		s := scored{make([][]float64, len(dev)), make([]int, len(dev))}
		for i, l := range dev {
			t.normalize(l.text)
			var cut int
			feats, cut = t.featuresCut(feats[:0], m.dim, sentimentBytes)
			s.logits[i] = make([]float64, len(m.classes))
			m.logits(feats[:cut], s.logits[i])
			s.gold[i] = slices.Index(m.classes, l.label)
		}
		sets = append(sets, s)
	}
	best, bestF1 := 0.0, -1.0
	for step := -10; step <= 30; step++ {
		v := make([]float64, len(m.classes))
		v[neutral] = float64(step) / 10
		if f := shiftScore(sets, len(m.classes), v, withMicro && len(inDomain) > 0); f > bestF1+1e-9 {
			best, bestF1 = v[neutral], f
		}
	}
	return best
}

// shiftScore is the objective of tuneNeutral: the macro-F1 of every set
// (plus the micro-F1 of the first when withMicro) once shift is added to
// the logits.
func shiftScore(sets []scored, classes int, shift []float64, withMicro bool) float64 {
	f := 0.0
	for si, s := range sets {
		c := newConfusion(make([]string, classes))
		for i, z := range s.logits {
			pred, hi := 0, z[0]+shift[0]
			for k, v := range z {
				if v+shift[k] > hi {
					pred, hi = k, v+shift[k]
				}
			}
			c.add(s.gold[i], pred)
		}
		f += c.macroF1()
		if withMicro && si == 0 {
			_, correct := c.total()
			f += float64(correct) / float64(len(s.gold))
		}
	}
	return f
}

// scored holds the logits and gold classes of a dev set.
type scored struct {
	logits [][]float64
	gold   []int
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
