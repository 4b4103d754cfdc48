package eval

import (
	"github.com/resonanz/resonanz/watch"
	"github.com/resonanz/resonanz/watch/internal/synth"

	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"
	"time"
)

// SyntheticReport is how a Detector fares on a generated stream of negative
// messages per topic with storms of known size, shape and start.
type SyntheticReport struct {
	Seed   int64
	Days   int
	Cells  []StormCell
	Topics []SyntheticTopic
	// FalseAlarms counts alarms outside every storm; BaselineDays is the
	// topic-days outside every storm.
	FalseAlarms  int
	BaselineDays float64
	// MedianDelay is the median time from storm start to alarm over the
	// detected storms of 5× and more; MedianOnsetDelay the same from the
	// onset of each storm (see storm.onset), which for a slow storm is
	// when it has built up to twice the usual rate.
	MedianDelay, MedianOnsetDelay time.Duration
	// Reach is what the storms of 5× and more allow: the median delay of a
	// test that knows the usual rate exactly (see reachDelay), from the start
	// and from the onset, and how many of them it finds within 15 minutes
	// of their onset, of how many.
	Reach, ReachOnset  time.Duration
	ReachFast, ReachOf int
	// Sudden20 is the median delay of the sudden 20× storms on topics with
	// at least one message an hour at peak, Sudden20Fast how many of the
	// Sudden20Of found within 15 minutes.
	Sudden20                 time.Duration
	Sudden20Fast, Sudden20Of int
}

// StormCell is the outcome on the storms of one size and shape.
type StormCell struct {
	Size             int // times the usual rate at the storm's start
	Slow             bool
	Storms, Detected int
	MedianDelay      time.Duration
	// MedianOnsetDelay is measured from the onset (see storm.onset), and
	// Reach is the median of reachDelay over the cell's storms.
	MedianOnsetDelay, Reach time.Duration
}

// SyntheticTopic is the outcome on one topic.
type SyntheticTopic struct {
	Name string
	// Peak is the usual number of messages per hour at the busiest time of
	// an ordinary weekday.
	Peak float64
	// Sizes, Storms and Detected count the storms of each size.
	Sizes, Storms, Detected []int
	// MedianDelay is over the detected sudden storms of 5× and more: how
	// soon a storm on a topic of this size is seen.
	MedianDelay  time.Duration
	FalseAlarms  int
	BaselineDays float64
}

// FalseAlarmsPer30Days returns the false alarms per topic per 30 days
// outside storms.
func (r SyntheticReport) FalseAlarmsPer30Days() float64 {
	return 30 * perDay(r.FalseAlarms, r.BaselineDays)
}

// The generated stream. Rates follow the day as customers write (hourly
// shares of the peak, read between hour centres) and the week; every topic
// also has a level that varies from day to day, as real topics do with news
// and weather, so the counts are more spread out than Poisson counts.
var (
	synthTopic = []struct {
		name string
		peak float64
		week *[7]float64
	}{
		{"delivery", 10, &synth.Week},
		{"payment", 6, &synth.Week},
		{"app", 4, &synth.Week},
		{"returns", 2, &synth.Week},
		{"store", 1, &synth.Shop},
		{"hotline", 0.5, &synth.Week},
	}
	synthSizes = []int{2, 5, 20}
)

const (
	synthDays      = 360
	synthWarmup    = 28 // days before the first storm
	synthEvery     = 2  // days between storm starts
	synthStorm     = 12 * time.Hour
	synthDaySpread = 0.15 // standard deviation of the log of a topic's daily level
	// synthStep is the step of the generator; storms start on a step, so
	// that no storm message comes before its storm.
	synthStep = time.Minute
)

// storm is one injected storm: from start the topic's rate grows by
// excess messages per hour, at once or linearly over ramp.
type storm struct {
	topic, size int
	slow        bool
	start, end  time.Time
	ramp        time.Duration
	excess      float64
	detected    time.Time
}

// EvalSynthetic runs a Detector with cfg over a year of generated negative
// messages on six topics (0.5 to 10 messages per hour at peak), with a storm
// of 2×, 5× or 20× the usual rate every other day on a random topic, sudden or
// building up linearly over two to three hours, and writes tables per storm
// size and shape and per topic to w. The same seed gives the same stream.
func EvalSynthetic(seed int64, cfg watch.Config, w io.Writer) (SyntheticReport, error) {
	d, err := watch.NewDetector(cfg)
	if err != nil {
		return SyntheticReport{}, err
	}
	r := synth.NewRNG(seed)
	begin := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC) // a Monday
	storms := planStorms(&r, begin)
	topics := make(map[string]int, len(synthTopic))
	for i, tp := range synthTopic {
		topics[tp.name] = i
	}

	falseAt := make([][]time.Time, len(synthTopic))
	level := make([]float64, len(synthTopic))
	next := 0 // first storm that may still be running
	times := make([]time.Time, 0, 64)
	for t := begin; t.Before(begin.AddDate(0, 0, synthDays)); t = t.Add(synthStep) {
		if t.Hour() == 0 && t.Minute() == 0 {
			for i := range level {
				level[i] = math.Exp(synthDaySpread * r.Normal())
			}
		}
		for next < len(storms) && !storms[next].end.After(t) {
			next++
		}

		mid := t.Add(synthStep / 2)
		for i, tp := range synthTopic {
			rate := level[i] * synth.Usual(tp.peak, tp.week, mid)
			for j := next; j < len(storms) && storms[j].start.Before(t.Add(synthStep)); j++ {
				if storms[j].topic == i {
					rate += storms[j].rate(mid)
				}
			}
			times = times[:0]
			for range r.Poisson(rate * synthStep.Hours()) {
				times = append(times, t.Add(time.Duration(r.Float()*float64(synthStep))))
			}
			slices.SortFunc(times, time.Time.Compare)
			for _, at := range times {
				if a, ok := d.Observe(tp.name, at, 1); ok {
					k := topics[a.Key]
					if s := stormAt(storms, k, at); s == nil {
						falseAt[k] = append(falseAt[k], at)
					} else if s.detected.IsZero() && at.Before(s.end) {
						s.detected = at
					}
				}
			}
		}
	}
	rep := summarize(seed, storms, falseAt)
	return rep, rep.print(w)
}

// planStorms places one storm every synthEvery days after the warm-up, at a
// random time between 8:00 and 20:00 on a random topic, going through every
// size and shape in turn.
func planStorms(r *synth.RNG, begin time.Time) []storm {
	var storms []storm
	for day, i := synthWarmup, 0; day < synthDays-1; day, i = day+synthEvery, i+1 {
		s := storm{
			topic: r.Intn(len(synthTopic)),
			size:  synthSizes[i%len(synthSizes)],
			slow:  i/len(synthSizes)%2 == 1,
			start: begin.AddDate(0, 0, day).Add(8*time.Hour + time.Duration(r.Intn(12*60))*time.Minute),
		}
		s.end = s.start.Add(synthStorm)
		if s.slow {
			s.ramp = 2*time.Hour + time.Duration(r.Float()*float64(time.Hour))
		}
		tp := synthTopic[s.topic]
		s.excess = float64(s.size-1) * synth.Usual(tp.peak, tp.week, s.start)
		storms = append(storms, s)
	}
	return storms
}

// rate returns the storm's extra messages per hour at t.
func (s *storm) rate(t time.Time) float64 {
	if t.Before(s.start) || !t.Before(s.end) {
		return 0
	}
	if since := t.Sub(s.start); since < s.ramp {
		return s.excess * float64(since) / float64(s.ramp)
	}
	return s.excess
}

// stormAt returns the storm on topic k that an alarm at t belongs to: one
// running at t, or one that ended less than a storm's length before, whose
// messages still fill the long windows.
func stormAt(storms []storm, k int, t time.Time) *storm {
	for i := range storms {
		s := &storms[i]
		if s.topic == k && !t.Before(s.start) && t.Before(s.end.Add(synthStorm)) {
			return s
		}
	}
	return nil
}

func summarize(seed int64, storms []storm, falseAt [][]time.Time) SyntheticReport {
	rep := SyntheticReport{Seed: seed, Days: synthDays}
	for _, size := range synthSizes {
		for _, slow := range []bool{false, true} {
			rep.Cells = append(rep.Cells, StormCell{Size: size, Slow: slow})
		}
	}
	var bigDelays, bigOnset, reach, reachOnset, sudden20 []time.Duration
	cellDelays := make([][]time.Duration, len(rep.Cells))
	cellOnset := make([][]time.Duration, len(rep.Cells))
	cellReach := make([][]time.Duration, len(rep.Cells))
	for k, tp := range synthTopic {
		st := SyntheticTopic{Name: tp.name, Peak: tp.peak, Sizes: synthSizes, Storms: make([]int, len(synthSizes)),
			Detected: make([]int, len(synthSizes)), FalseAlarms: len(falseAt[k]), BaselineDays: synthDays}
		var delays []time.Duration
		for _, s := range storms {
			if s.topic != k {
				continue
			}
			size := slices.Index(synthSizes, s.size)
			c := slices.IndexFunc(rep.Cells, func(c StormCell) bool { return c.Size == s.size && c.Slow == s.slow })
			st.Storms[size]++
			rep.Cells[c].Storms++
			st.BaselineDays -= 2 * synthStorm.Hours() / 24
			late := s.onset().Sub(s.start)
			r := reachDelay(&s, s.excess/float64(s.size-1))
			cellReach[c] = append(cellReach[c], r)
			if s.size >= 5 {
				reach, reachOnset = append(reach, r), append(reachOnset, r-late)
				rep.ReachOf++
				if r-late <= 15*time.Minute {
					rep.ReachFast++
				}
			}
			watched := s.size == 20 && !s.slow && tp.peak >= 1
			if watched {
				rep.Sudden20Of++
			}
			if s.detected.IsZero() {
				continue
			}
			delay := s.detected.Sub(s.start)
			if watched {
				sudden20 = append(sudden20, delay)
				if delay <= 15*time.Minute {
					rep.Sudden20Fast++
				}
			}
			st.Detected[size]++
			rep.Cells[c].Detected++
			cellDelays[c] = append(cellDelays[c], delay)
			cellOnset[c] = append(cellOnset[c], delay-late)
			if s.size >= 5 {
				bigDelays, bigOnset = append(bigDelays, delay), append(bigOnset, delay-late)
			}
			if s.size >= 5 && !s.slow {
				delays = append(delays, delay)
			}
		}
		st.MedianDelay = medianDuration(delays)
		rep.Topics = append(rep.Topics, st)
		rep.FalseAlarms += st.FalseAlarms
		rep.BaselineDays += st.BaselineDays
	}
	for c := range rep.Cells {
		rep.Cells[c].MedianDelay = medianDuration(cellDelays[c])
		rep.Cells[c].MedianOnsetDelay = medianDuration(cellOnset[c])
		rep.Cells[c].Reach = medianDuration(cellReach[c])
	}
	rep.MedianDelay, rep.MedianOnsetDelay = medianDuration(bigDelays), medianDuration(bigOnset)
	rep.Reach, rep.ReachOnset = medianDuration(reach), medianDuration(reachOnset)
	rep.Sudden20 = medianDuration(sudden20)
	return rep
}

func (r SyntheticReport) print(w io.Writer) error {
	storms := 0
	for _, c := range r.Cells {
		storms += c.Storms
	}
	fmt.Fprintf(w, "%d days of %d topics, %d storms (seed %d)\n\n", r.Days, len(r.Topics), storms, r.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "storm\tshape\tstorms\tdetected\trecall\tmedian delay\tfrom 2×\treachable\t")
	for _, c := range r.Cells {
		shape := "sudden"
		if c.Slow {
			shape = "slow"
		}
		fmt.Fprintf(tw, "%d×\t%s\t%d\t%d\t%.0f %%\t%s\t%s\t%s\t\n", c.Size, shape, c.Storms, c.Detected,
			100*float64(c.Detected)/float64(max(c.Storms, 1)), formatDelay(c.MedianDelay),
			formatDelay(c.MedianOnsetDelay), formatDelay(c.Reach))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprint(tw, "topic\tpeak/h\t")
	for _, size := range synthSizes {
		fmt.Fprintf(tw, "%d× found\t", size)
	}
	fmt.Fprintln(tw, "delay, sudden ≥ 5×\tfalse alarms\tper 30 days\t")
	for _, t := range r.Topics {
		fmt.Fprintf(tw, "%s\t%.1f\t", t.Name, t.Peak)
		for i := range t.Sizes {
			fmt.Fprintf(tw, "%d/%d\t", t.Detected[i], t.Storms[i])
		}
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t\n", formatDelay(t.MedianDelay), t.FalseAlarms, 30*perDay(t.FalseAlarms, t.BaselineDays))
	}
	fmt.Fprintf(tw, "all\t\t\t\t\t\t%d\t%.2f\t\n", r.FalseAlarms, r.FalseAlarmsPer30Days())
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, `
median delay of all detected storms of 5× and 20×: %s from their start, %s from their onset
  (onset: when a storm has built up to twice the usual rate; the start of a sudden storm)
reachable: a test knowing the usual rate exactly, at 1 false alarm per topic per 30 days,
  finds them after %s (median) from their start, %s from their onset; %d of %d within 15 min of it
delay against reachable: %.2f× (bar ≤ %.1f×)
sudden 20× storms on topics with ≥ 1 message an hour: median delay %s (bar ≤ 15 min), %d of %d within 15 min
false alarms: %.2f per topic per 30 days (bar ≤ 1)
`, formatDelay(r.MedianDelay), formatDelay(r.MedianOnsetDelay), formatDelay(r.Reach), formatDelay(r.ReachOnset), r.ReachFast, r.ReachOf,
		float64(r.MedianDelay)/float64(max(r.Reach, 1)), synthDelayOverReach, formatDelay(r.Sudden20), r.Sudden20Fast, r.Sudden20Of,
		r.FalseAlarmsPer30Days())
	return err
}
