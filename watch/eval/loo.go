package eval

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/resonanz/resonanz/watch"
)

// The bars a choice of parameters must meet on the series it is tuned on
// and on the generated stream.
const (
	nabFalseAlarmsPerDay = 0.15
	synthFalseAlarms     = 1.0 // per topic per 30 days
	synthDelayOverReach  = 1.2 // median delay of 5× and 20× storms over the reachable one
	synthSudden20        = 15 * time.Minute
)

// Grid returns the parameter sets a leave-one-out chooses from: the
// threshold, the tail and the burst of base varied, everything else as in
// base. They are the only numbers of the detector that set how sure it must
// be; the rest (windows, baseline, guards) is the same for every key. A
// burst of 0 is the rule without it: the bar is the threshold or the tail
// times the key's usual daily top. Thresholds under 3.5 and tails under 1.5
// are left out: they raise false alarms on the calm streams of the
// detector's own tests (a stream of 30 messages an hour alarms on its fourth
// day at 3.25, within four weeks at a tail of 1.25).
func Grid(base watch.Config) []watch.Config {
	var grid []watch.Config
	for _, th := range []float64{3.5, 3.75, 4} {
		for _, tail := range []float64{1.5, 1.75, 2, 2.5} {
			for _, burst := range []float64{0, 2, 2.5, 3} {
				c := base
				c.Threshold, c.Tail, c.Burst = th, tail, burst
				grid = append(grid, c)
			}
		}
	}
	return grid
}

// Candidate is one parameter set, with its outcome on the generated stream
// when that constrains the choice (nil: it does not).
type Candidate struct {
	Config    watch.Config
	Synthetic *SyntheticReport
}

// quiet reports whether the candidate meets the bars of the generated
// stream that it can meet: every topic at or under the false-alarm bar,
// every storm of 5× and more found, and the sudden 20× storms on topics of
// one message an hour or more found within 15 minutes (true without a
// stream).
func (c Candidate) quiet() bool {
	s := c.Synthetic
	if s == nil {
		return true
	}
	for _, t := range s.Topics {
		if 30*perDay(t.FalseAlarms, t.BaselineDays) > synthFalseAlarms {
			return false
		}
	}
	for _, cell := range s.Cells {
		if cell.Size >= 5 && cell.Detected < cell.Storms {
			return false
		}
	}
	return s.Sudden20 <= synthSudden20
}

// slowness returns the candidate's median delay over the reachable one on
// the generated stream, never less than the bar: within the bar, a faster
// candidate is not preferred (the bar without a stream).
func (c Candidate) slowness() float64 {
	s := c.Synthetic
	if s == nil {
		return synthDelayOverReach
	}
	return max(synthDelayOverReach, float64(s.MedianDelay)/float64(max(s.Reach, 1)))
}

// Fold is one round of a leave-one-out: parameters chosen on every series
// but HeldOut, and how they fare on HeldOut.
type Fold struct {
	HeldOut string
	Chosen  watch.Config
	// Train is the outcome of the chosen parameters on the other series,
	// Test on the held-out one.
	Train NABReport
	Test  NABSeries
}

// LOOReport is a leave-one-series-out over a folder in the NAB layout.
type LOOReport struct {
	Folds []Fold
	// Test adds up the held-out outcomes: what to expect on series the
	// parameters were not chosen on.
	Test NABReport
	// Chosen is what the same rule chooses on all series.
	Chosen watch.Config
	All    NABReport
}

// LeaveOneOut runs every candidate over every series of the NAB folder dir
// and, for each series in turn, chooses the candidate that does best on the
// others (see choose) and scores it on the series left out. It writes the
// table of the folds to w.
func LeaveOneOut(dir string, cands []Candidate, w io.Writer) (LOOReport, error) {
	data, err := loadNAB(dir)
	if err != nil {
		return LOOReport{}, err
	}
	if len(cands) == 0 {
		return LOOReport{}, fmt.Errorf("watch: no candidates")
	}
	results, err := runAll(data, cands)
	if err != nil {
		return LOOReport{}, err
	}
	var r LOOReport
	var held []NABSeries
	for h := range data {
		train := make([]int, 0, len(data)-1)
		for i := range data {
			if i != h {
				train = append(train, i)
			}
		}
		c := choose(cands, results, train)
		f := Fold{HeldOut: data[h].name, Chosen: cands[c].Config, Train: subset(results[c], train), Test: results[c][h]}
		r.Folds = append(r.Folds, f)
		held = append(held, f.Test)
	}
	r.Test = summariseNAB(held)
	all := make([]int, len(data))
	for i := range all {
		all[i] = i
	}
	c := choose(cands, results, all)
	r.Chosen, r.All = cands[c].Config, subset(results[c], all)
	return r, r.print(w)
}

// runAll returns the outcome of every candidate on every series,
// results[candidate][series], running them on every core.
func runAll(data []nabData, cands []Candidate) ([][]NABSeries, error) {
	results := make([][]NABSeries, len(cands))
	for c := range results {
		results[c] = make([]NABSeries, len(data))
	}
	type job struct{ c, s int }
	jobs := make(chan job)
	errs := make([]error, len(cands)*len(data))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results[j.c][j.s], errs[j.c*len(data)+j.s] = data[j.s].run(cands[j.c].Config)
			}
		}()
	}
	for c := range cands {
		for s := range data {
			jobs <- job{c, s}
		}
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

// choose returns the candidate that does best on the series train, and
// reads nothing else of results. The bars come first, then how well: false
// alarms on these series at or under the bar; the bars of the generated
// stream it can meet (see quiet); the most windows found; the median delay
// on the generated stream nearest its bar against the reachable one, which
// no candidate meets (docs/storms.md); the highest NAB score; the first in
// cands wins a tie.
func choose(cands []Candidate, results [][]NABSeries, train []int) int {
	best, bestKey := -1, [5]float64{}
	for c := range cands {
		r := subset(results[c], train)
		key := [5]float64{
			b2f(r.FalseAlarmsPerDay() <= nabFalseAlarmsPerDay),
			b2f(cands[c].quiet()),
			float64(r.Hit),
			-cands[c].slowness(),
			r.Score,
		}
		if best < 0 || greater(key, bestKey) {
			best, bestKey = c, key
		}
	}
	return best
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// greater compares two keys lexicographically.
func greater(a, b [5]float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

// subset adds up the outcomes on the series with the given indexes.
func subset(series []NABSeries, idx []int) NABReport {
	picked := make([]NABSeries, len(idx))
	for i, j := range idx {
		picked[i] = series[j]
	}
	return summariseNAB(picked)
}

func (r LOOReport) print(w io.Writer) error {
	fmt.Fprintf(w, "Leave one series out: parameters chosen on the other %d series, scored on the one left out\n\n", len(r.Folds)-1)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "held out\twindows\tfalse alarms\tper day\tNAB score\tthreshold\ttail\tburst\ttrain: windows\tper day\tNAB score\t")
	for _, f := range r.Folds {
		fmt.Fprintf(tw, "%s\t%d/%d\t%d\t%.3f\t%.1f\t%.2f\t%.2f\t%.2f\t%d/%d\t%.3f\t%.1f\t\n", seriesName(f.HeldOut),
			f.Test.Hit, f.Test.Windows, f.Test.FalseAlarms, perDay(f.Test.FalseAlarms, f.Test.Days), f.Test.Score,
			f.Chosen.Threshold, f.Chosen.Tail, f.Chosen.Burst, f.Train.Hit, f.Train.Windows, f.Train.FalseAlarmsPerDay(), f.Train.Score)
	}
	fmt.Fprintf(tw, "all held out\t%d/%d\t%d\t%.3f\t%.1f\t\t\t\t\t\t\t\n", r.Test.Hit, r.Test.Windows, r.Test.FalseAlarms,
		r.Test.FalseAlarmsPerDay(), r.Test.Score)
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, `
Chosen on all %d series: threshold %.2f, tail %.2f, burst %.2f (%d/%d windows, %.3f false-alarm events per series-day, NAB score %.1f there).
Choice, in order: at most %.2f false-alarm events per series-day; on the generated stream at most %.0f false alarm per topic per 30 days,
every storm of 5× and 20× found, sudden 20× storms within %v; most windows; median delay nearest %.1f× the reachable one; NAB score.
`, len(r.Folds), r.Chosen.Threshold, r.Chosen.Tail, r.Chosen.Burst, r.All.Hit, r.All.Windows, r.All.FalseAlarmsPerDay(), r.All.Score, nabFalseAlarmsPerDay,
		synthFalseAlarms, synthSudden20, synthDelayOverReach)
	return err
}

func seriesName(file string) string { return strings.TrimSuffix(file, ".csv") }
