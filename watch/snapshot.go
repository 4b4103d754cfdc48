package watch

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"slices"
	"strings"
)

// snapshotVersion changes whenever the layout of a snapshot does.
const snapshotVersion = 2

// snapshot is the state of a Detector as Snapshot writes it.
type snapshot struct {
	Version int
	Config  Config
	Origin  int64
	Started bool
	Keys    []keySnapshot
}

// keySnapshot is the state of one key. Counts holds the messages per
// bucket, oldest first, ending with bucket Last; they are small numbers, so
// they encode far shorter than the running totals the detector keeps.
type keySnapshot struct {
	Key   string
	Last  int64
	Count []uint32
	Peaks []float64
	Peak  []float64
	Day   int64
	Days  int
	Open  bool
	Hot   int64
	Ratio float64
	// Runs holds per window the block, the ratio of the block before and
	// the highest of all older ones, RunFirst whether the block is the
	// alarm's (see run).
	RunBlocks []int64
	Runs      []float64
	RunFirst  []bool
}

// Snapshot returns the detector's state, so that after a restart Restore
// continues exactly where it stopped: the same alarms follow as if it had
// run on. It holds up to three weeks of counts per key, a few kilobytes.
func (d *Detector) Snapshot() ([]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	snap := snapshot{Version: snapshotVersion, Config: d.cfg, Origin: d.origin, Started: d.started}
	mask := d.p.ring - 1
	for key, s := range d.keys {
		k := keySnapshot{Key: key, Last: s.last, Count: make([]uint32, d.p.ring), Peaks: s.peaks, Peak: s.peak,
			Day: s.day, Days: s.days, Open: s.open, Hot: s.hot, Ratio: s.ratio}
		for _, r := range s.runs {
			k.RunBlocks, k.Runs, k.RunFirst = append(k.RunBlocks, r.block), append(k.Runs, r.prev, r.ref), append(k.RunFirst, r.first)
		}
		// The oldest bucket's own count is gone (its predecessor's total
		// was overwritten), and nothing reads it: it stays zero.
		first := s.last - d.p.ring + 1
		for i := int64(1); i < d.p.ring; i++ {
			b := first + i
			k.Count[i] = s.cum[b&mask] - s.cum[(b-1)&mask]
		}
		snap.Keys = append(snap.Keys, k)
	}
	// The same state always gives the same bytes.
	slices.SortFunc(snap.Keys, func(a, b keySnapshot) int { return strings.Compare(a.Key, b.Key) })
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(snap); err != nil {
		return nil, fmt.Errorf("watch: snapshot: %w", err)
	}
	return buf.Bytes(), nil
}

// Restore returns a detector in the state that Snapshot saved.
func Restore(data []byte) (*Detector, error) {
	var snap snapshot
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&snap); err != nil {
		return nil, fmt.Errorf("watch: restore: %w", err)
	}
	if snap.Version != snapshotVersion {
		return nil, fmt.Errorf("watch: restore: snapshot version %d, want %d", snap.Version, snapshotVersion)
	}
	d, err := NewDetector(snap.Config)
	if err != nil {
		return nil, fmt.Errorf("watch: restore: %w", err)
	}
	d.origin, d.started = snap.Origin, snap.Started
	n, mask := len(d.p.windows), d.p.ring-1
	for _, k := range snap.Keys {
		if int64(len(k.Count)) != d.p.ring || len(k.Peaks) != n*d.cfg.Memory || len(k.Peak) != n || k.Days < 0 ||
			len(k.RunBlocks) != n || len(k.Runs) != 2*n || len(k.RunFirst) != n {
			return nil, fmt.Errorf("watch: restore: key %q does not fit the configuration", k.Key)
		}
		s := d.newSeries(k.Last + 1)
		first, total := k.Last-d.p.ring+1, uint32(0)
		for i, c := range k.Count {
			total += c
			s.cum[(first+int64(i))&mask] = total
		}
		copy(s.peaks, k.Peaks)
		copy(s.peak, k.Peak)
		s.day, s.days, s.open, s.hot, s.ratio = k.Day, k.Days, k.Open, k.Hot, k.Ratio
		for i := range s.runs {
			s.runs[i] = run{block: k.RunBlocks[i], prev: k.Runs[2*i], ref: k.Runs[2*i+1], first: k.RunFirst[i]}
		}
		d.setBars(s)
		d.keys[k.Key] = s
	}
	return d, nil
}
