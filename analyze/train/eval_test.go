package train

import (
	"os"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/analyze"
)

// TestEvaluate measures the shipped models; the floors sit just under the
// figures reached, so that a regression fails.
func TestEvaluate(t *testing.T) {
	if _, err := os.Stat(dataDir); err != nil {
		t.Skipf("evaluation data not found at %s: %v", dataDir, err)
	}
	a, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	r, err := Evaluate(a, dataDir, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	// Floors a little under what the shipped models reach. GermEval is far
	// below its target (micro 0.72, macro 0.55): these floors only catch
	// regressions. The unseen-phrase set is the honest generated test: its
	// sentences are built from phrases training never used. The hand-written
	// held-out fifth is text training never saw, but by the same writers as
	// the training part.
	for _, f := range []struct {
		set, task    string
		micro, macro float64
	}{
		{SetGermEval, "sentiment", 0.56, 0.39},
		{SetPotTS, "sentiment", 0.67, 0.62},
		{SetHeldOut, "sentiment", 0.92, 0.91},
		{SetHeldOut, "kind", 0.99, 0.99},
		{SetHeldOut, "topic", 0.73, 0.72},
		{SetHeldOut, "language", 0.99, 0},
		{SetUnseen, "sentiment", 0.78, 0.75},
		{SetUnseen, "kind", 0.83, 0.83},
		{SetUnseen, "topic", 0.80, 0.78},
		{SetUnseen, "language", 0.99, 0},
		{SetHandwritten, "sentiment", 0.82, 0.69},
		{SetHandwritten, "kind", 0.85, 0.61},
		{SetHandwritten, "language", 0.99, 0},
		{SetCustomers, "sentiment", 0.70, 0.70},
		{SetCustomers, TaskComplaint, 0.86, 0.86},
		{SetCustomers, "language", 0.99, 0},
	} {
		s, ok := r.Find(f.set, f.task)
		if !ok {
			t.Errorf("%s %s: not evaluated", f.set, f.task)
			continue
		}
		if s.MicroF1 < f.micro || s.MacroF1 < f.macro {
			t.Errorf("%s %s: micro-F1 %.3f macro-F1 %.3f, want at least %.2f/%.2f", f.set, f.task, s.MicroF1, s.MacroF1, f.micro, f.macro)
		}
	}
}
