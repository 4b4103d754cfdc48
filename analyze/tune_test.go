package analyze

import (
	"flag"
	"testing"
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
	// The settings compared for the shipped defaults: weight of the
	// hand-written messages, of the documents joined from them, of the
	// generated set.
	var grid []hyper
	for _, w := range []float32{1, 3} {
		for _, jw := range []float32{0, 0.5, 1} {
			for _, gen := range []float32{0.3, 1} {
				h := defaultHyper
				h.hwWeight, h.joinWeight, h.genWeight = w, jw, gen
				grid = append(grid, h)
			}
		}
	}
	for _, h := range grid {
		m, err := fitModels(TrainOptions{Seed: 1}, h, potts, hw, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		shift := tuneNeutral(m.sentiment, hwDev, pottsDev, h.shiftMicro)
		m.sentiment.bias[1] += float32(shift) // neutral
		a, err := newAnalyzer(m)
		if err != nil {
			t.Fatal(err)
		}
		d := a.sentimentConfusion(hwDev).score("", "")
		j := a.sentimentConfusion(joined(hwDev, 99)).score("", "")
		p := a.sentimentConfusion(pottsDev).score("", "")
		k := a.generatedConfusion(hwDevEx, "kind").score("", "")
		t.Logf("hw %g joined %g gen %g potts %g shift %.1f | hand-written dev: sentiment %.3f/%.3f kind %.3f/%.3f, joined %.3f/%.3f | PotTS dev %.3f/%.3f",
			h.hwWeight, h.joinWeight, h.genWeight, h.pottsWeight, shift, d.MicroF1, d.MacroF1, k.MicroF1, k.MacroF1, j.MicroF1, j.MacroF1, p.MicroF1, p.MacroF1)
	}
}
