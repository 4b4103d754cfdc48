package watch

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"time"
)

// Config tunes a Detector. DefaultConfig holds the values measured by
// the evaluations of package watch/eval; change them only with both evaluations at hand.
type Config struct {
	// Bucket is the resolution of the counts; it must divide a day.
	Bucket time.Duration
	// Windows are the lengths compared with their baseline, each a multiple
	// of Bucket: a short window catches a sudden burst within minutes, a long
	// one the slow growth of a topic with few messages.
	Windows []time.Duration
	// Weeks is how many previous weeks, at the same time on the same
	// weekday, form the baseline once two of them are known.
	Weeks int
	// Days is how many previous days at the same time of day form the
	// baseline until then.
	Days int
	// Spread adds, for every past week or day, the windows ending Spread
	// earlier and later, so that a baseline rests on more than a handful of
	// counts.
	Spread time.Duration
	// Threshold is the score (standard deviations above the baseline) that
	// raises an alarm.
	Threshold float64
	// MinCount is the fewest messages in a window that can raise an alarm,
	// so that a quiet topic does not alarm on a few messages.
	MinCount int
	// MinRatio is the least multiple of the usual count that can raise an
	// alarm, so that a busy stream does not alarm on a few percent more.
	MinRatio float64
	// Memory is how many past days of bursts a key remembers. A window must
	// score Tail times the usual height of its daily highest score (the
	// busiest sixth of the days left out): a key whose days often bring a
	// burst (a bot, a viral post) has to burst higher than that to alarm.
	Memory int
	Tail   float64
	// Burst raises the bar of a bursty key further: by Burst for every unit
	// by which the usual height of its daily highest score exceeds
	// Threshold. A calm key's daily highest score is what chance brings
	// among its many windows, about Threshold or less, and Tail alone keeps
	// it from alarming; a key whose days bring real bursts (tweet volumes,
	// bots) tops Threshold by far, and Tail times that top is too little.
	Burst float64
	// Warmup is how many days a key is watched before it can alarm, so
	// that its first days teach the detector its rhythm and its bursts.
	Warmup int
	// Calm places the end of an alarm: a window stays hot while it is at
	// least Calm of the way to alarming, in score and in multiple of the
	// usual count.
	Calm float64
	// Cooldown is how long every window must stay calm before an alarm ends;
	// until then the same storm raises no second alarm.
	Cooldown time.Duration
	// Escalate reports a bigger storm within an open alarm: a window that
	// alarms on its own at Escalate times its own highest ratio since the
	// alarm, one window length ago or more, and the ratio of the last
	// escalation raises an escalation (see escalate.go). Zero never does.
	Escalate float64
}

// DefaultConfig returns the configuration the detector runs with: its
// threshold, tail and burst are what the leave-one-series-out of package
// watch/eval chooses on all NAB series (`resonanz eval storms` prints the
// choice, and a test there fails when the two differ).
func DefaultConfig() Config {
	return Config{
		Bucket:    5 * time.Minute,
		Windows:   []time.Duration{5 * time.Minute, 15 * time.Minute, time.Hour, 4 * time.Hour, 12 * time.Hour},
		Weeks:     3,
		Days:      7,
		Spread:    15 * time.Minute,
		Threshold: 3.5,
		MinCount:  4,
		MinRatio:  3,
		Memory:    14,
		Tail:      1.5,
		Burst:     2.5,
		Warmup:    3,
		Calm:      0.5,
		Cooldown:  2 * time.Hour,
		Escalate:  2.5,
	}
}

// Alarm reports a storm: a window holding far more messages than usual.
type Alarm struct {
	// Key is the topic, or whatever key the counts were observed under.
	Key string
	// Start is the beginning of the first bucket of the burst.
	Start time.Time
	// Window is the length of the window that alarmed.
	Window time.Duration
	// Count is the number of messages in that window.
	Count int
	// Expected is the usual count in that window at this time of the week.
	Expected float64
	// Ratio is Count divided by Expected, an expectation under one message
	// counted as one, so that "9× the usual" never divides by zero.
	Ratio float64
	// Previous is the number of messages in the window before.
	Previous int
	// Growth is Count divided by Previous, a Previous of zero counted as one.
	Growth float64
	// Escalation is set when the alarm of the key was open already and a
	// window has grown to Config.Escalate times its level since.
	Escalation bool
}

// Detector raises an Alarm when the messages of one key burst far above
// their usual level. It is safe for concurrent use.
type Detector struct {
	mu      sync.Mutex
	cfg     Config
	p       params
	origin  int64 // first bucket observed: no key has history before it
	started bool
	keys    map[string]*series
	buf     []float64 // scratch for baseline samples and remembered bursts
	dev     []float64 // scratch for the deviations of the samples
}

// params are the Config in buckets, computed once.
type params struct {
	bucket   int64   // seconds
	day      int64   // buckets per day
	windows  []int64 // buckets
	refresh  []int64 // buckets between two baselines of each window
	spread   int64   // buckets
	cooldown int64   // buckets
	ring     int64   // buckets of history kept per key, a power of two
	hotTimes float64 // multiple of the usual count that keeps an alarm open
}

// series is the history and alarm state of one key.
type series struct {
	// cum[b&(ring-1)] is the number of messages up to and including bucket
	// b. It wraps around at 2³²; differences stay exact.
	cum  []uint32
	last int64      // newest bucket observed
	base []baseline // per window, for the newest bucket (see baseline)
	// peaks[i*Memory+n%Memory] is the highest score of window i on the n-th
	// day the key was watched; peak[i] is today's so far, and bars[i] the
	// score window i must reach, derived from peaks.
	peaks []float64
	peak  []float64
	bars  []float64
	day   int64 // day of peak
	days  int   // days moved into peaks
	open  bool  // an alarm is raised and not yet calm
	hot   int64 // last bucket in which a window was hot
	// ratio is the Ratio of the last escalation while open, and runs[i]
	// how high window i has run since the alarm.
	ratio float64
	runs  []run
}

// NewDetector returns a detector that has seen nothing yet.
func NewDetector(cfg Config) (*Detector, error) {
	p, err := cfg.params()
	if err != nil {
		return nil, err
	}
	cfg.Windows = append([]time.Duration(nil), cfg.Windows...)
	n := 3*max(cfg.Days, cfg.Weeks) + cfg.Memory
	return &Detector{cfg: cfg, p: p, keys: map[string]*series{}, buf: make([]float64, 0, n), dev: make([]float64, n)}, nil
}

func (c Config) params() (params, error) {
	day := int64(24 * time.Hour)
	switch {
	case c.Bucket < time.Second || c.Bucket%time.Second != 0 || day%int64(c.Bucket) != 0:
		return params{}, fmt.Errorf("watch: bucket %v is not a whole number of seconds dividing a day", c.Bucket)
	case len(c.Windows) == 0:
		return params{}, errors.New("watch: no windows")
	case c.Days < 1 || c.Weeks < 0 || c.Memory < 1 || c.Warmup < 0:
		return params{}, fmt.Errorf("watch: %d days, %d weeks, memory of %d days, warmup of %d days",
			c.Days, c.Weeks, c.Memory, c.Warmup)
	case c.Spread < 0 || c.Spread%c.Bucket != 0 || c.Spread >= 12*time.Hour || c.Cooldown < 0:
		return params{}, fmt.Errorf("watch: spread %v or cooldown %v", c.Spread, c.Cooldown)
	case c.Threshold <= 0 || c.Calm < 0 || c.Calm > 1 || c.MinCount < 1 || c.MinRatio < 0 || c.Tail < 0 || c.Burst < 0 || c.Escalate < 0:
		return params{}, fmt.Errorf("watch: threshold %v, calm %v, minimum count %d, minimum ratio %v, tail %v, burst %v, escalate %v",
			c.Threshold, c.Calm, c.MinCount, c.MinRatio, c.Tail, c.Burst, c.Escalate)
	}
	p := params{
		bucket:   int64(c.Bucket / time.Second),
		day:      day / int64(c.Bucket),
		spread:   int64(c.Spread / c.Bucket),
		cooldown: int64((c.Cooldown + c.Bucket - 1) / c.Bucket),
		hotTimes: 1 + c.Calm*(c.MinRatio-1),
	}
	longest := int64(0)
	for _, w := range c.Windows {
		if w < c.Bucket || w%c.Bucket != 0 || w > 24*time.Hour {
			return params{}, fmt.Errorf("watch: window %v is not a multiple of the bucket up to a day", w)
		}
		p.windows = append(p.windows, int64(w/c.Bucket))
		p.refresh = append(p.refresh, max(1, p.spread, int64(w/c.Bucket)/12))
		longest = max(longest, int64(w/c.Bucket))
	}
	// The oldest bucket read is the base of a baseline window Weeks (or
	// Days) back, widened by the spread; growth reads two windows back.
	back := max(int64(max(c.Days, 7*c.Weeks))*p.day+p.spread+longest, 2*longest)
	p.ring = 1
	for p.ring <= back {
		p.ring *= 2
	}
	return p, nil
}

// Observe counts n messages of key at time t and returns an alarm when this
// raises one. Times should arrive roughly in order: a message older than
// the newest one of its key is counted in its own bucket, and one older
// than the history kept (four weeks by default) is dropped.
func (d *Detector) Observe(key string, t time.Time, n int) (Alarm, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	b := floorDiv(t.Unix(), d.p.bucket)
	if !d.started {
		d.origin, d.started = b, true
	}
	if b < d.origin {
		return Alarm{}, false
	}
	s := d.keys[key]
	if s == nil {
		s = d.newSeries(b)
		d.keys[key] = s
	}
	if !s.add(b, max(n, 0), d.p.ring) {
		return Alarm{}, false
	}
	return d.evaluate(key, s)
}

func (d *Detector) newSeries(b int64) *series {
	// Buckets before a key's first message are zeros, not unknown: the
	// detector was watching and nothing came.
	n := len(d.p.windows)
	s := &series{
		cum: make([]uint32, d.p.ring), last: b - 1, base: make([]baseline, n),
		peaks: make([]float64, n*d.cfg.Memory), peak: make([]float64, n), bars: make([]float64, n), runs: make([]run, n),
		day: floorDiv(b, d.p.day),
	}
	d.setBars(s)
	return s
}

// add counts n messages in bucket b and reports whether b is still in the
// history kept.
func (s *series) add(b int64, n int, ring int64) bool {
	mask := ring - 1
	switch {
	case b > s.last:
		c := s.cum[s.last&mask]
		for i := max(s.last+1, b-ring+1); i <= b; i++ {
			s.cum[i&mask] = c
		}
		s.last = b
	case b <= s.last-ring+1:
		return false
	case b < s.last:
		// History changed, and with it maybe the baselines.
		clear(s.base)
	}
	for i := b; i <= s.last; i++ {
		s.cum[i&mask] += uint32(n)
	}
	return true
}

// sum returns the messages in the k buckets ending with bucket e.
func (s *series) sum(e, k int64) int {
	mask := int64(len(s.cum) - 1)
	return int(s.cum[e&mask] - s.cum[(e-k)&mask])
}

// evaluate scores every window ending at the newest bucket and moves the
// alarm state on.
func (d *Detector) evaluate(key string, s *series) (Alarm, bool) {
	d.turnDay(s)
	best, bestZ, hot := -1, 0.0, false
	// The window that alarms at the most times the level it may escalate
	// from tells whether an open alarm's storm has grown.
	most, mostGrowth := -1, 0.0
	for i, k := range d.p.windows {
		x := s.sum(s.last, k)
		if s.open {
			if bl := d.baseline(s, i); bl.state == known {
				d.follow(s, i, bl.center)
			}
		}
		if x < d.cfg.MinCount {
			continue
		}
		bl := d.baseline(s, i)
		if bl.state != known {
			continue
		}
		// times is +Inf where nothing is usual, which MinCount guards.
		z, times := bl.score(x), float64(x)/bl.center
		if z >= s.bars[i] && times >= d.cfg.MinRatio {
			if z > bestZ {
				best, bestZ = i, z
			}
			if g := d.growth(s, i, float64(x)/max(bl.center, 1)); s.open && g > mostGrowth {
				most, mostGrowth = i, g
			}
		}
		hot = hot || z >= d.cfg.Calm*s.bars[i] && times >= d.p.hotTimes
		// A storm's own scores are not what the key usually does; the
		// bursts of the rest of the day are.
		if !s.open {
			s.peak[i] = max(s.peak[i], z)
		}
	}
	if s.open {
		if hot {
			s.hot = s.last
		} else if s.last-s.hot >= d.p.cooldown {
			s.open = false
		}
	}
	if s.open {
		return d.escalation(key, s, most, mostGrowth)
	}
	if best < 0 || s.days < d.cfg.Warmup {
		return Alarm{}, false
	}
	s.open, s.hot, s.ratio = true, s.last, 0
	d.startRuns(s)
	return d.alarm(key, s, best), true
}

// turnDay moves the peaks of the days before the newest bucket's day into
// the memory; days without a message keep a peak of zero.
func (d *Detector) turnDay(s *series) {
	day, m := floorDiv(s.last, d.p.day), d.cfg.Memory
	if s.day >= day {
		return
	}
	for s.day < day {
		slot := s.days % m
		for i := range s.peak {
			s.peaks[i*m+slot] = s.peak[i]
			s.peak[i] = 0
		}
		s.days++
		// Older silent days would be overwritten by newer silent ones.
		s.day = max(s.day+1, day-int64(m))
	}
	d.setBars(s)
}

// burstRank places the bar among the remembered daily peaks: the busiest
// sixth of the days is left out, so that a storm spanning midnight does not
// raise the bar for the next two weeks.
const burstRank = 5.0 / 6

// setBars derives from the remembered peaks the score each window must
// reach; it changes only when a day is over.
func (d *Detector) setBars(s *series) {
	m := d.cfg.Memory
	n := min(s.days, m)
	for i := range s.bars {
		s.bars[i] = d.cfg.Threshold
		if n > 0 {
			buf := append(d.buf[:0], s.peaks[i*m:i*m+n]...)
			top := nth(buf, int(burstRank*float64(n-1)+0.5))
			s.bars[i] = max(s.bars[i], d.cfg.Tail*top, d.cfg.Threshold+d.cfg.Burst*(top-d.cfg.Threshold))
		}
	}
}

// alarm describes the burst that window i found.
func (d *Detector) alarm(key string, s *series, i int) Alarm {
	k, bl := d.p.windows[i], s.base[i]
	x, prev := s.sum(s.last, k), s.sum(s.last-k, k)
	return Alarm{
		Key:      key,
		Start:    time.Unix(d.burstStart(s, i)*d.p.bucket, 0).UTC(),
		Window:   time.Duration(k) * d.cfg.Bucket,
		Count:    x,
		Expected: bl.center,
		Ratio:    float64(x) / max(bl.center, 1),
		Previous: prev,
		Growth:   float64(x) / float64(max(prev, 1)),
	}
}

// burstStart returns the first bucket of the burst that window i found. A
// slow build-up began before the window that alarmed, so the search spans
// the longest window still well above its usual count; in it, the burst
// starts where the run of buckets with the largest excess over the level
// that keeps an alarm open (twice the usual) begins. Ordinary messages
// before the storm stay out of it.
func (d *Detector) burstStart(s *series, i int) int64 {
	for j, k := range d.p.windows {
		if k <= d.p.windows[i] {
			continue
		}
		if bl := d.baseline(s, j); bl.state == known && float64(s.sum(s.last, k)) >= d.p.hotTimes*bl.center {
			i = j
		}
	}
	k := d.p.windows[i]
	perBucket := d.p.hotTimes * s.base[i].center / float64(k)
	start, excess, most := s.last, 0.0, math.Inf(-1)
	for b := s.last; b > s.last-k; b-- {
		excess += float64(s.sum(b, 1)) - perBucket
		if excess > most {
			start, most = b, excess
		}
	}
	return start
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
