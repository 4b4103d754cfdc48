package eval

import (
	"github.com/resonanz/resonanz/watch"

	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// NABReport is how a Detector fares on series in the layout of the Numenta
// Anomaly Benchmark (NAB): labelled windows around real anomalies.
type NABReport struct {
	Series []NABSeries
	// Windows and Hit count the labelled windows, and those with an alarm
	// inside.
	Windows, Hit int
	// FalseAlarms counts alarm events outside every window; alarms within an
	// hour of the previous one are one event.
	FalseAlarms int
	// Days is the length of all series together.
	Days float64
	// MedianDelay is the median, over hit windows, of the time from the
	// labelled anomaly to the first alarm in its window; negative when the
	// alarm came first.
	MedianDelay time.Duration
	// Score is the NAB score under its standard profile, normalised over
	// all series: 0 detects nothing, 100 detects every window at its start.
	Score float64
}

// NABSeries is the outcome on one series.
type NABSeries struct {
	Name                      string
	Days                      float64
	Windows, Hit, FalseAlarms int
	// Delays has one entry per hit window, as in NABReport.MedianDelay.
	Delays []time.Duration
	// Score is the series' NAB score (standard profile, normalised).
	Score float64
	score nabScore
}

// FalseAlarmsPerDay returns the false-alarm events per series-day.
func (r NABReport) FalseAlarmsPerDay() float64 { return perDay(r.FalseAlarms, r.Days) }

func perDay(n int, days float64) float64 {
	if days == 0 {
		return 0
	}
	return float64(n) / days
}

// The NAB files write times in UTC without a zone.
const (
	nabTime       = "2006-01-02 15:04:05"
	nabWindowTime = "2006-01-02 15:04:05.999999"
)

// EvalNAB runs a fresh Detector with cfg over every CSV file in dir (columns
// timestamp and value, a count per bucket) and scores its alarms against
// windows.json (file name → list of [start, end]) and labels.json (file name
// → anomaly times; the centre of a window stands in for a missing label).
// It writes a table per series and overall to w.
func EvalNAB(dir string, cfg watch.Config, w io.Writer) (NABReport, error) {
	data, err := loadNAB(dir)
	if err != nil {
		return NABReport{}, err
	}
	series := make([]NABSeries, len(data))
	for i, d := range data {
		if series[i], err = d.run(cfg); err != nil {
			return NABReport{}, err
		}
	}
	r := summariseNAB(series)
	return r, r.print(w)
}

// summariseNAB adds up the outcomes on some series.
func summariseNAB(series []NABSeries) NABReport {
	var r NABReport
	var delays []time.Duration
	var score nabScore
	for _, s := range series {
		r.Series = append(r.Series, s)
		r.Windows += s.Windows
		r.Hit += s.Hit
		r.FalseAlarms += s.FalseAlarms
		r.Days += s.Days
		delays = append(delays, s.Delays...)
		score.add(s.score)
	}
	r.MedianDelay = medianDuration(delays)
	r.Score = score.normalised()
	return r
}

// nabData is one series read and parsed, ready to run detectors over.
type nabData struct {
	name       string
	rows       []nabRow
	windows    []nabWindow
	windowRows [][2]int // the windows as inclusive row ranges
}

type nabWindow struct{ start, end, anomaly time.Time }

// loadNAB reads every series in dir with its windows and labels.
func loadNAB(dir string) ([]nabData, error) {
	var windows map[string][][2]string
	if err := readJSON(filepath.Join(dir, "windows.json"), &windows); err != nil {
		return nil, err
	}
	var labels map[string][]string
	if err := readJSON(filepath.Join(dir, "labels.json"), &labels); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("watch: no CSV files in %s", dir)
	}
	var data []nabData
	for _, f := range files {
		name := filepath.Base(f)
		d, err := loadNABSeries(f, byFile(windows, name), byFile(labels, name))
		if err != nil {
			return nil, err
		}
		data = append(data, d)
	}
	return data, nil
}

func loadNABSeries(path string, rawWindows [][2]string, rawLabels []string) (nabData, error) {
	d := nabData{name: filepath.Base(path)}
	rows, err := readNABSeries(path)
	if err != nil {
		return d, err
	}
	if len(rows) == 0 {
		return d, fmt.Errorf("watch: %s has no rows", path)
	}
	labels := make([]time.Time, len(rawLabels))
	for i, raw := range rawLabels {
		if labels[i], err = time.Parse(nabTime, raw); err != nil {
			return d, fmt.Errorf("watch: label of %s: %w", d.name, err)
		}
	}
	slices.SortFunc(labels, time.Time.Compare)
	ws := make([]nabWindow, len(rawWindows))
	for i, raw := range rawWindows {
		w := &ws[i]
		if w.start, err = time.Parse(nabWindowTime, raw[0]); err == nil {
			w.end, err = time.Parse(nabWindowTime, raw[1])
		}
		if err != nil {
			return d, fmt.Errorf("watch: window of %s: %w", d.name, err)
		}
		// A window may hold two labels; an alarm there answers the first.
		w.anomaly = w.start.Add(w.end.Sub(w.start) / 2)
		if j := slices.IndexFunc(labels, func(l time.Time) bool { return within(l, w.start, w.end) }); j >= 0 {
			w.anomaly = labels[j]
		}
	}
	windowRows := make([][2]int, len(ws))
	for i, w := range ws {
		first := slices.IndexFunc(rows, func(r nabRow) bool { return !r.t.Before(w.start) })
		last := first
		for last+1 < len(rows) && !rows[last+1].t.After(w.end) {
			last++
		}
		windowRows[i] = [2]int{first, last}
	}
	d.rows, d.windows, d.windowRows = rows, ws, windowRows
	return d, nil
}

// run feeds the series to a fresh Detector with cfg and scores its alarms.
func (d nabData) run(cfg watch.Config) (NABSeries, error) {
	s := NABSeries{Name: d.name, Windows: len(d.windows)}
	det, err := watch.NewDetector(cfg)
	if err != nil {
		return s, err
	}
	rows, ws := d.rows, d.windows
	var alarms []time.Time
	var alarmRows []int
	for i, row := range rows {
		if _, ok := det.Observe(s.Name, row.t, row.n); ok {
			alarms = append(alarms, row.t)
			alarmRows = append(alarmRows, i)
		}
	}
	s.score = scoreNAB(len(rows), alarmRows, d.windowRows)
	s.Score = s.score.normalised()
	step := rows[len(rows)-1].t.Sub(rows[0].t) / time.Duration(max(len(rows)-1, 1))
	s.Days = (rows[len(rows)-1].t.Sub(rows[0].t) + step).Hours() / 24

	var lastFalse time.Time
	for _, a := range alarms {
		inside := slices.ContainsFunc(ws, func(w nabWindow) bool { return within(a, w.start, w.end) })
		if !inside {
			if lastFalse.IsZero() || a.Sub(lastFalse) > time.Hour {
				s.FalseAlarms++
			}
			lastFalse = a
		}
	}
	for _, w := range ws {
		i := slices.IndexFunc(alarms, func(a time.Time) bool { return within(a, w.start, w.end) })
		if i >= 0 {
			s.Hit++
			s.Delays = append(s.Delays, alarms[i].Sub(w.anomaly))
		}
	}
	return s, nil
}

// byFile returns the entry for a file: NAB's own files name it with its
// folder ("realTweets/Twitter_volume_AAPL.csv"), copies often without.
func byFile[T any](m map[string]T, name string) T {
	if v, ok := m[name]; ok {
		return v
	}
	for k, v := range m {
		if strings.HasSuffix(k, "/"+name) {
			return v
		}
	}
	var zero T
	return zero
}

// within reports whether t lies in [start, end].
func within(t, start, end time.Time) bool { return !t.Before(start) && !t.After(end) }

type nabRow struct {
	t time.Time
	n int
}

func readNABSeries(path string) ([]nabRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("watch: %s: %w", path, err)
	}
	var rows []nabRow
	for i, rec := range records {
		if len(rec) != 2 {
			return nil, fmt.Errorf("watch: %s line %d: want timestamp,value", path, i+1)
		}
		if i == 0 && rec[0] == "timestamp" {
			continue
		}
		t, err := time.Parse(nabTime, rec[0])
		if err != nil {
			return nil, fmt.Errorf("watch: %s line %d: %w", path, i+1, err)
		}
		v, err := strconv.ParseFloat(rec[1], 64)
		if err != nil {
			return nil, fmt.Errorf("watch: %s line %d: %w", path, i+1, err)
		}
		rows = append(rows, nabRow{t, int(v + 0.5)})
	}
	return rows, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("watch: %s: %w", path, err)
	}
	return nil
}

func (r NABReport) print(w io.Writer) error {
	fmt.Fprintf(w, "%d series, %d labelled windows\n\n", len(r.Series), r.Windows)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "series\tdays\twindows\thit\tfalse alarms\tper day\tmedian delay\tNAB score\t")
	for _, s := range r.Series {
		fmt.Fprintf(tw, "%s\t%.1f\t%d\t%d\t%d\t%.3f\t%s\t%.1f\t\n", strings.TrimSuffix(s.Name, ".csv"), s.Days,
			s.Windows, s.Hit, s.FalseAlarms, perDay(s.FalseAlarms, s.Days), formatDelay(medianDuration(s.Delays)), s.Score)
	}
	fmt.Fprintf(tw, "all\t%.1f\t%d\t%d\t%d\t%.3f\t%s\t%.1f\t\n", r.Days, r.Windows, r.Hit, r.FalseAlarms,
		r.FalseAlarmsPerDay(), formatDelay(r.MedianDelay), r.Score)
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "NAB score: standard profile (earliest alarm in a window up to 1, missed window -1, false alarm up to -0.11);\n"+
		"0 = no detections, 100 = every window found at its first row.")
	return err
}

func formatDelay(d time.Duration) string {
	return fmt.Sprintf("%+.0f min", d.Minutes())
}
