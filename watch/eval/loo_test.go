package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/watch"
)

// The parameters a fold chooses must not depend on its held-out series:
// replacing that series by a different one changes its held-out score but
// not the choice.
func TestLeaveOneOutNeverChoosesOnTheHeldOutSeries(t *testing.T) {
	if _, err := os.Stat(filepath.Join(nabDir, "windows.json")); err != nil {
		t.Skipf("NAB realTweets not found in %s: %v", nabDir, err)
	}
	dir := t.TempDir()
	for _, pattern := range []string{"*.csv", "*.json"} {
		files, _ := filepath.Glob(filepath.Join(nabDir, pattern))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var cands []Candidate
	for _, c := range Grid(watch.DefaultConfig()) {
		if c.Threshold == 3.5 || c.Threshold == 4 {
			cands = append(cands, Candidate{Config: c})
		}
	}
	before, err := LeaveOneOut(dir, cands, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	// CVS becomes AAPL's counts: another series entirely, under CVS's windows.
	held := "Twitter_volume_CVS.csv"
	b, err := os.ReadFile(filepath.Join(nabDir, "Twitter_volume_AAPL.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, held), b, 0o644); err != nil {
		t.Fatal(err)
	}
	after, err := LeaveOneOut(dir, cands, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range after.Folds {
		if f.HeldOut != held {
			continue
		}
		was := before.Folds[i]
		if f.Chosen.Threshold != was.Chosen.Threshold || f.Chosen.Tail != was.Chosen.Tail {
			t.Errorf("holding out %s: chose threshold %v, tail %v with its own counts and %v, %v with others",
				held, was.Chosen.Threshold, was.Chosen.Tail, f.Chosen.Threshold, f.Chosen.Tail)
		}
		if f.Test.FalseAlarms == was.Test.FalseAlarms && f.Test.Score == was.Test.Score {
			t.Errorf("holding out %s: the same held-out outcome with other counts; the test changed nothing", held)
		}
		return
	}
	t.Fatalf("no fold held out %s", held)
}

// The detector runs with what the leave-one-out chooses on all series:
// DefaultConfig is the one place the live parameters are written, and this
// keeps it the choice.
func TestDefaultConfigIsTheLeaveOneOutChoice(t *testing.T) {
	if _, err := os.Stat(filepath.Join(nabDir, "windows.json")); err != nil {
		t.Skipf("NAB realTweets not found in %s: %v", nabDir, err)
	}
	def := watch.DefaultConfig()
	cands, err := syntheticCandidates(Grid(def), 1)
	if err != nil {
		t.Fatal(err)
	}
	loo, err := LeaveOneOut(nabDir, cands, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	if !SameChoice(loo.Chosen, def) {
		t.Errorf("the leave-one-out chooses threshold %v, tail %v, burst %v; DefaultConfig has %v, %v, %v",
			loo.Chosen.Threshold, loo.Chosen.Tail, loo.Chosen.Burst, def.Threshold, def.Tail, def.Burst)
	}
}
