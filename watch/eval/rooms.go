package eval

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"text/tabwriter"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/watch"
)

// The room's parameters are chosen on RoomTuneSeeds and reported on
// RoomTestSeeds, streams the choice never saw.
var (
	RoomTuneSeeds = []int64{1, 2, 3}
	RoomTestSeeds = []int64{4, 5, 6, 7, 8}
)

// RoomScore counts how well crisis rooms hold their storms: of the
// messages in the rooms of detected storms, how many belong to the storm
// (precision), and of the messages of detected storms, how many are in
// their room (recall).
type RoomScore struct {
	Storms, Detected int
	InRoom, Correct  int // messages in the rooms, of them the storm's
	StormMsgs        int // messages of the detected storms
	Beside           int // the topic's other complaints during detected storms
	BesideOut        int // of them, left out of the room
}

func (s *RoomScore) add(o RoomScore) {
	s.Storms, s.Detected = s.Storms+o.Storms, s.Detected+o.Detected
	s.InRoom, s.Correct, s.StormMsgs = s.InRoom+o.InRoom, s.Correct+o.Correct, s.StormMsgs+o.StormMsgs
	s.Beside, s.BesideOut = s.Beside+o.Beside, s.BesideOut+o.BesideOut
}

// Precision is the share of room messages that belong to their storm.
func (s RoomScore) Precision() float64 { return ratio(s.Correct, s.InRoom) }

// Recall is the share of storm messages in their room.
func (s RoomScore) Recall() float64 { return ratio(s.Correct, s.StormMsgs) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// score measures a run: each storm's room is every alert raised on the
// topic (or on all negative messages) while the storm ran.
func (run *roomRun) score() RoomScore {
	s := RoomScore{Storms: len(run.storms)}
	for _, st := range run.storms {
		room := map[int64]bool{}
		judged := map[int64]bool{}
		for _, a := range run.alerts.alerts {
			if (a.Key != "app" && a.Key != resonanz.AlertAll) || a.FirstSeen.Before(st.start.Add(-synthStorm/4)) || !a.FirstSeen.Before(st.end) {
				continue
			}
			for id, in := range run.alerts.members[a.ID] {
				judged[id] = true
				room[id] = room[id] || in
			}
		}
		if len(judged) == 0 {
			continue
		}
		s.Detected++
		s.StormMsgs += len(st.msgs)
		for id, in := range room {
			if in {
				s.InRoom++
				if st.msgs[id] {
					s.Correct++
				}
			}
		}
		for id := range judged {
			if !st.msgs[id] {
				s.Beside++
				if !room[id] {
					s.BesideOut++
				}
			}
		}
	}
	return s
}

// EvalRooms measures crisis rooms with cfg on the streams of seeds and
// writes a line per seed and the sum to w.
func EvalRooms(seeds []int64, cfg watch.RoomConfig, w io.Writer) (RoomScore, error) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "seed\tstorms\tdetected\tstorm msgs\tin rooms\tprecision\trecall\tother complaints left out\t")
	var sum RoomScore
	for _, seed := range seeds {
		run, err := runRooms(seed, cfg)
		if err != nil {
			return sum, err
		}
		s := run.score()
		sum.add(s)
		s.line(tw, fmt.Sprint(seed))
	}
	sum.line(tw, "all")
	return sum, tw.Flush()
}

func (s RoomScore) line(w io.Writer, name string) {
	fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%d of %d\t\n", name, s.Storms, s.Detected, s.StormMsgs, s.InRoom,
		s.Precision(), s.Recall(), s.BesideOut, s.Beside)
}

// RoomGrid returns the room parameters tried around base.
func RoomGrid(base watch.RoomConfig) []watch.RoomConfig {
	var grid []watch.RoomConfig
	for _, share := range []float64{0.05, 0.1} {
		for _, lift := range []float64{3, 5} {
			for _, shared := range []int{2, 3} {
				for _, sim := range []float64{0.25, 0.35, 0.45} {
					c := base
					c.Share, c.Lift, c.Shared, c.Similar = share, lift, shared, sim
					grid = append(grid, c)
				}
			}
		}
	}
	return grid
}

// TuneRooms returns the parameters of grid with the highest F1 of
// precision and recall on seeds, trying them on every core.
func TuneRooms(grid []watch.RoomConfig, seeds []int64) (watch.RoomConfig, RoomScore, error) {
	scores := make([]RoomScore, len(grid))
	errs := make([]error, len(grid))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, cfg := range grid {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			for _, seed := range seeds {
				run, err := runRooms(seed, cfg)
				if err != nil {
					errs[i] = err
					return
				}
				scores[i].add(run.score())
			}
		}()
	}
	wg.Wait()
	best := 0
	for i := range grid {
		if errs[i] != nil {
			return grid[i], scores[i], errs[i]
		}
		if f1(scores[i].Precision(), scores[i].Recall()) > f1(scores[best].Precision(), scores[best].Recall()) {
			best = i
		}
	}
	return grid[best], scores[best], nil
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Rooms chooses the room's parameters on RoomTuneSeeds, reports them on
// RoomTestSeeds, and says so when watch.DefaultRoom differs from the choice.
func Rooms(w io.Writer) error {
	def := watch.DefaultRoom()
	chosen, tuned, err := TuneRooms(RoomGrid(def), RoomTuneSeeds)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Crisis rooms: chosen on seeds %v (precision %.3f, recall %.3f): share %.2f, lift %.0f, shared terms %d, similarity %.2f\n",
		RoomTuneSeeds, tuned.Precision(), tuned.Recall(), chosen.Share, chosen.Lift, chosen.Shared, chosen.Similar)
	if chosen != def {
		fmt.Fprintf(w, "NOTE: the monitor runs with share %.2f, lift %.0f, shared terms %d, similarity %.2f, not the chosen ones\n",
			def.Share, def.Lift, def.Shared, def.Similar)
	}
	fmt.Fprintf(w, "On seeds %v, which the choice did not see, with the parameters the monitor runs with:\n", RoomTestSeeds)
	_, err = EvalRooms(RoomTestSeeds, def, w)
	return err
}
