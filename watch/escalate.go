package watch

// An open alarm hides the next storm on its key until every window has been
// calm for the cool-down. A mild storm, or a false alarm, can so swallow a
// storm many times its size that follows within hours. An escalation reports
// it: a window that alarms on its own and has grown to Config.Escalate times
// its own highest ratio since the alarm (and the ratio of the last
// escalation, so that one storm escalates once for each such step).
//
// That highest ratio lags by one window length or more, and it leaves out the
// block in which the alarm came. A storm fills a window only a window length
// after it began, and the alarm came as soon as it crossed the bar,
// mid-bucket and at about three times the usual: the same storm, steady,
// would otherwise look like one that tripled. A window can escalate only
// once it has been followed for two to three window lengths, so the 5- to
// 60-minute windows do it, and a long window seldom does within the
// cool-down.

// run follows how high one window has run during an open alarm, in blocks
// of the window's length: prev is the ratio of the block before the current
// one (its count against the usual), ref the highest ratio of all older
// ones, -1 while there were none. A block's own count is one sample per
// window length, where the highest ratio at any moment would mostly measure
// chance. The block of the alarm does not count (first is set while it is
// the current one): it holds the calm before the storm too.
type run struct {
	block     int64
	prev, ref float64
	first     bool
}

// follow moves window i's run on to the newest bucket.
func (d *Detector) follow(s *series, i int, center float64) {
	r, k := &s.runs[i], d.p.windows[i]
	b := floorDiv(s.last, k)
	if b <= r.block {
		return
	}
	done := float64(s.sum(r.block*k+k-1, k)) / max(center, 1)
	if r.first {
		done, r.first = -1, false
	}
	if b == r.block+1 {
		r.ref, r.prev = max(r.ref, r.prev), done
	} else {
		// Nothing was evaluated in the blocks in between: the key had no
		// message there.
		r.ref, r.prev = max(r.ref, r.prev, done), 0
	}
	r.block = b
}

// startRuns begins to follow every window when an alarm is raised.
func (d *Detector) startRuns(s *series) {
	for i, k := range d.p.windows {
		s.runs[i] = run{block: floorDiv(s.last, k), prev: -1, ref: -1, first: true}
	}
}

// growth returns how many times the level it may escalate from window i
// stands at ratio, or 0 while the window has not been followed long enough.
func (d *Detector) growth(s *series, i int, ratio float64) float64 {
	ref := s.runs[i].ref
	if ref < 0 {
		return 0
	}
	return ratio / max(ref, s.ratio, 1)
}

// escalation reports the burst of window i, growth times the level it may
// escalate from, when that is at least Config.Escalate.
func (d *Detector) escalation(key string, s *series, i int, growth float64) (Alarm, bool) {
	if i < 0 || d.cfg.Escalate == 0 || growth < d.cfg.Escalate {
		return Alarm{}, false
	}
	a := d.alarm(key, s, i)
	a.Escalation, s.ratio = true, a.Ratio
	return a, true
}
