package eval

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/watch"
	"github.com/resonanz/resonanz/watch/internal/synth"
)

// The generated stream of the room evaluation: the app topic's negative
// messages (about 4 an hour at peak, a fifth in English) about nine
// critiques, a delivery topic beside it, and from day 21 every third day a
// storm of 5× or 20× about one of the first four critiques, sudden or
// building up, for 12 hours. The other critiques go on beside it.
const (
	roomDays      = 48
	roomWarmup    = 21
	roomEvery     = 3
	roomPeak      = 4.0
	roomOtherPeak = 6.0
	roomEnglish   = 0.2
	roomCustomers = 3000
)

// roomStorm is one injected storm and the messages it brought.
type roomStorm struct {
	storm
	critique int
	msgs     map[int64]bool
}

// roomRun is a monitor's rooms on one generated stream.
type roomRun struct {
	storms []*roomStorm
	alerts *memAlerts
}

// runRooms generates the stream of seed and lets a monitor with cfg follow it.
func runRooms(seed int64, cfg watch.RoomConfig) (*roomRun, error) {
	alerts := newMemAlerts()
	mon, err := watch.NewMonitor(watch.DefaultConfig(), alerts, events.NewBus())
	if err != nil {
		return nil, err
	}
	mon.SetRoom(cfg)
	r := synth.NewRNG(seed)
	begin := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC) // a Monday
	run := &roomRun{storms: planRoomStorms(&r, begin), alerts: alerts}
	var id int64
	level := [2]float64{}
	batch := make([]watch.Observed, 0, 64)
	for t := begin; t.Before(begin.AddDate(0, 0, roomDays)); t = t.Add(synthStep) {
		if t.Hour() == 0 && t.Minute() == 0 {
			for i := range level {
				level[i] = math.Exp(synthDaySpread * r.Normal())
			}
		}
		mid := t.Add(synthStep / 2)
		batch = batch[:0]
		usual := level[0] * synth.Usual(roomPeak, &synth.Week, mid)
		var now *roomStorm
		excess := 0.0
		for _, s := range run.storms {
			if x := s.rate(mid); x > 0 {
				now, excess = s, x
			}
		}
		for range r.Poisson((usual + excess) * synthStep.Hours()) {
			id++
			o := watch.Observed{MessageID: id, Channel: "mastodon", Time: t.Add(time.Duration(r.Float() * float64(synthStep))),
				Analysis: resonanz.Analysis{Sentiment: resonanz.Negative, Topics: []string{"app"}, Language: resonanz.LangGerman}}
			english := r.Float() < roomEnglish
			if english {
				o.Analysis.Language = resonanz.LangEnglish
			}
			if now != nil && r.Float() < excess/(usual+excess) {
				o.Author = fmt.Sprint("@storm", id)
				o.Text = critiques[now.critique].say(&r, english, true)
				now.msgs[id] = true
			} else {
				o.Author = fmt.Sprint("@c", r.Intn(roomCustomers))
				c := r.Intn(len(critiques))
				for now != nil && c == now.critique {
					c = r.Intn(len(critiques))
				}
				o.Text = critiques[c].say(&r, english, false)
			}
			batch = append(batch, o)
		}
		for range r.Poisson(level[1] * synth.Usual(roomOtherPeak, &synth.Week, mid) * synthStep.Hours()) {
			id++
			batch = append(batch, watch.Observed{MessageID: id, Channel: "email", Author: fmt.Sprint("@c", r.Intn(roomCustomers)),
				Time: t.Add(time.Duration(r.Float() * float64(synthStep))), Text: critiques[4].say(&r, false, false),
				Analysis: resonanz.Analysis{Sentiment: resonanz.Negative, Topics: []string{"delivery"}, Language: resonanz.LangGerman}})
		}
		slices.SortFunc(batch, func(a, b watch.Observed) int { return a.Time.Compare(b.Time) })
		if err := mon.Observe(context.Background(), batch); err != nil {
			return nil, err
		}
	}
	return run, nil
}

// planRoomStorms places a storm every roomEvery days after the warm-up,
// between 8:00 and 20:00, of 5× and 20× in turn, sudden and slow in turn.
func planRoomStorms(r *synth.RNG, begin time.Time) []*roomStorm {
	var storms []*roomStorm
	for day, i := roomWarmup, 0; day < roomDays-1; day, i = day+roomEvery, i+1 {
		s := &roomStorm{critique: r.Intn(stormCritiques), msgs: map[int64]bool{}}
		s.size, s.slow = []int{5, 20}[i%2], i/2%2 == 1
		s.start = begin.AddDate(0, 0, day).Add(8*time.Hour + time.Duration(r.Intn(12*60))*time.Minute)
		s.end = s.start.Add(synthStorm)
		if s.slow {
			s.ramp = 2*time.Hour + time.Duration(r.Float()*float64(time.Hour))
		}
		s.excess = float64(s.size-1) * synth.Usual(roomPeak, &synth.Week, s.start)
		storms = append(storms, s)
	}
	return storms
}

// memAlerts keeps a monitor's alerts and the latest judgement of each
// message in memory, for evaluation only.
type memAlerts struct {
	alerts  []*resonanz.Alert
	members map[int64]map[int64]bool // alert → message → in the room
}

func newMemAlerts() *memAlerts { return &memAlerts{members: map[int64]map[int64]bool{}} }

func (m *memAlerts) SaveAlert(_ context.Context, a *resonanz.Alert) error {
	if a.ID == 0 {
		a.ID, a.Status = int64(len(m.alerts)+1), resonanz.AlertOpen
		m.alerts = append(m.alerts, a)
		m.members[a.ID] = map[int64]bool{}
	}
	cp := *a
	m.alerts[a.ID-1] = &cp
	return nil
}

func (m *memAlerts) SaveAlertMembers(_ context.Context, id int64, members []resonanz.AlertMember) error {
	for _, j := range members {
		m.members[id][j.MessageID] = j.Member
	}
	return nil
}

func (m *memAlerts) FindAlerts(context.Context, bool) ([]*resonanz.Alert, error) {
	return m.alerts, nil
}

func (m *memAlerts) FindAlertFigures(_ context.Context, id int64) (*resonanz.Alert, error) {
	return m.alerts[id-1], nil
}
