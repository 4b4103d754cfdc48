package train

import (
	"flag"
	"testing"
)

var tune = flag.Bool("tune", false, "compare sentiment training settings by cross-validation")

// TestTune compares sentiment training settings by 5-fold cross-validation
// on PotTS and SB-10k train, with a sweep of the neutral shift on the
// out-of-fold scores. No test set and no GermEval is looked at:
// go test ./analyze/train -run TestTune -tune -v.
func TestTune(t *testing.T) {
	if !*tune {
		t.Skip("only with -tune")
	}
	opts := TrainOptions{DataDir: dataDir, Seed: 1}
	c, err := loadCorpora(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range tuneGrid() {
		cv := crossValidate(opts, h, c, cvFolds)
		for _, shift := range []float64{0, 0.2, 0.4, 0.6} {
			s := cv.sb10k.confusionAt(shift).score("", "")
			p := cv.potts.confusionAt(shift).score("", "")
			o := cv.own.confusionAt(shift).score("", "")
			t.Logf("cust %g l2 %g epochs %d balance %g gen %g hw %g sb %g shift %.1f | SB-10k %.3f/%.3f | PotTS %.3f/%.3f | own %.3f/%.3f", h.custWeight, h.l2, h.epochs, h.balance, h.genWeight, h.hwWeight, h.sb10kWeight, shift, s.MicroF1, s.MacroF1, p.MicroF1, p.MacroF1, o.MicroF1, o.MacroF1)
		}
	}
}

// tuneGrid is the list of settings TestTune compares.
func tuneGrid() []hyper {
	var grid []hyper
	for _, w := range []float32{1, 3, 6} {
		h := defaultHyper
		h.custWeight = w
		grid = append(grid, h)
	}
	return grid
}
