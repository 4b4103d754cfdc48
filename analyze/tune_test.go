package analyze

import (
	"flag"
	"slices"
	"testing"

	"github.com/resonanz/resonanz"
)

var tune = flag.Bool("tune", false, "compare training settings on the hand-written dev split and PotTS dev")

// TestTune compares training settings on the project's own dev data: the
// hand-written dev split (with a model trained without it) and PotTS dev.
// GermEval is not looked at: go test ./analyze -run TestTune -tune -v.
func TestTune(t *testing.T) {
	if !*tune {
		t.Skip("only with -tune")
	}
	hw, err := handwritten()
	if err != nil {
		t.Fatal(err)
	}
	potts, err := readPotTS(pottsPath(dataDir, "train"))
	if err != nil {
		t.Fatal(err)
	}
	pottsDev, err := readPotTS(pottsPath(dataDir, "dev"))
	if err != nil {
		t.Fatal(err)
	}
	var hwDev []labelled
	var hwDevEx []Example
	for i, e := range hw {
		if handwrittenDev(i) {
			hwDev = append(hwDev, labelled{e.Text, e.Sentiment})
			hwDevEx = append(hwDevEx, e)
		}
	}
	for _, h := range []hyper{
		{l2: weightDecay, epochs: sentimentEpochs, genWeight: 1},
		{l2: weightDecay, epochs: sentimentEpochs, genWeight: 1, hwWeight: 1, hwKindWeight: 1},
		{l2: weightDecay, epochs: sentimentEpochs, genWeight: 1, hwWeight: 3, hwKindWeight: 1},
		{l2: weightDecay, epochs: sentimentEpochs, genWeight: 1, hwWeight: 6, hwKindWeight: 1},
		{l2: weightDecay, epochs: sentimentEpochs, genWeight: 1, hwWeight: 10, hwKindWeight: 1},
		{l2: weightDecay, epochs: sentimentEpochs, genWeight: 0.3, hwWeight: 6, hwKindWeight: 1},
		{l2: weightDecay, epochs: sentimentEpochs, genWeight: 0.3, hwWeight: 6, hwKindWeight: 3},
	} {
		m, err := fitModels(TrainOptions{Seed: 1}, h, potts, hw, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		in := hwDev
		if h.hwWeight == 0 {
			in = nil
		}
		shift := tuneNeutral(m.sentiment, in, pottsDev)
		m.sentiment.bias[slices.Index(m.sentiment.classes, resonanz.Neutral)] += float32(shift)
		a, err := newAnalyzer(m)
		if err != nil {
			t.Fatal(err)
		}
		d := a.sentimentConfusion(hwDev).score("", "")
		p := a.sentimentConfusion(pottsDev).score("", "")
		k := a.generatedConfusion(hwDevEx, "kind").score("", "")
		t.Logf("%+v shift %.1f | hw dev sentiment %.3f/%.3f kind %.3f/%.3f | PotTS dev %.3f/%.3f",
			h, shift, d.MicroF1, d.MacroF1, k.MicroF1, k.MacroF1, p.MicroF1, p.MacroF1)
	}
}
