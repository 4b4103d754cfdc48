package eval

import (
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/resonanz/resonanz/watch"
)

// Storms measures the storm detector as `resonanz eval storms` prints it:
// the leave-one-series-out over the NAB folder dir (every parameter set of
// Grid(watch.DefaultConfig()), constrained by the generated stream of
// seed), then watch.DefaultConfig on every series and on the generated
// stream. It says so when DefaultConfig is not what the leave-one-out
// chooses on all series. Last come the crisis rooms (see Rooms).
func Storms(dir string, seed int64, w io.Writer) error {
	def := watch.DefaultConfig()
	cands, err := syntheticCandidates(Grid(def), seed)
	if err != nil {
		return err
	}
	loo, err := LeaveOneOut(dir, cands, w)
	if err != nil {
		return err
	}
	if !SameChoice(loo.Chosen, def) {
		fmt.Fprintf(w, "NOTE: the detector runs with threshold %.2f, tail %.2f and burst %.2f, not the chosen ones\n", def.Threshold, def.Tail, def.Burst)
	}
	fmt.Fprintln(w, "\nThe detector as it runs (watch.DefaultConfig) on every series:")
	if _, err := EvalNAB(dir, def, w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if _, err = EvalSynthetic(seed, def, w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return Rooms(w)
}

// SameChoice reports whether a and b agree in the parameters Grid varies.
func SameChoice(a, b watch.Config) bool {
	return a.Threshold == b.Threshold && a.Tail == b.Tail && a.Burst == b.Burst
}

// syntheticCandidates runs each configuration over the generated stream of
// seed, on every core.
func syntheticCandidates(grid []watch.Config, seed int64) ([]Candidate, error) {
	cands := make([]Candidate, len(grid))
	errs := make([]error, len(grid))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, cfg := range grid {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			r, err := EvalSynthetic(seed, cfg, io.Discard)
			cands[i], errs[i] = Candidate{Config: cfg, Synthetic: &r}, err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return cands, nil
}
